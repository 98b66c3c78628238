using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The built Gateway.dll run as its own process with <c>dotnet</c>, as an operator runs it. The test project references
/// the gateway, so the dll sits next to the test assembly.
/// </summary>
internal sealed partial class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="environment">Variables to set; a null value removes one inherited from the test run.</param>
    public static GatewayProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        StartDll("Gateway.dll", workingDirectory, environment, args);

    /// <summary>
    /// The gateway as deployed: Production, the test signing key, a yarp.json (file name <paramref name="configName"/>)
    /// in <paramref name="directory"/> routing to <paramref name="backend"/>, its data folder beside it, a free port.
    /// </summary>
    public static async Task<GatewayProcess> StartProductionAsync(string directory, Uri backend, string configName = "yarp.json")
    {
        var config = Path.Combine(directory, configName);
        await File.WriteAllTextAsync(config, GatewayServer.YarpJson(backend).ToJsonString());
        return Start(directory, new Dictionary<string, string?>
        {
            ["GATEWAY_CONFIG"] = config,
            ["Gateway__Jwt__SigningKey"] = GatewayServer.SigningKey,
            ["Gateway__DataPath"] = Path.Combine(directory, "data"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        }, "--urls", "http://127.0.0.1:0");
    }

    /// <summary>
    /// A command line as a document prints it (<c>VAR=value dotnet out/Gateway.dll --config ...</c>), run by bash, which
    /// replaces itself with the command: what a person pastes into a terminal.
    /// </summary>
    public static GatewayProcess StartCommandLine(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string commandLine) =>
        Start("bash", workingDirectory, environment, ["-c", commandLine]);

    /// <summary>The sample backend's SampleBackend.dll, run the same way (run.sh starts it beside the gateway).</summary>
    public static GatewayProcess StartSampleBackend(string workingDirectory, params string[] args) =>
        StartDll("SampleBackend.dll", workingDirectory, new Dictionary<string, string?>(), args);

    private static GatewayProcess StartDll(
        string dllName, string workingDirectory, IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, dllName);
        Assert.True(File.Exists(dll), $"{dllName} not found next to the tests in {AppContext.BaseDirectory}.");
        return Start(DotnetHost(), workingDirectory, environment, [dll, .. args]);
    }

    private static GatewayProcess Start(
        string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Settings of the machine running the tests must not leak into the gateway under test.
        foreach (var inherited in start.Environment.Keys.Where(IsGatewaySetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = start };
        var started = new GatewayProcess(process);
        process.OutputDataReceived += (_, line) => started.Append(line.Data);
        process.ErrorDataReceived += (_, line) => started.Append(line.Data);
        Assert.True(process.Start(), $"{program} {string.Join(' ', args)} did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The address Kestrel bound to port 0, read from the "Now listening on" line of the log.</summary>
    public async Task<Uri> ListeningAddressAsync(TimeSpan deadline)
    {
        Uri? address = null;
        await Eventually.TrueAsync(() =>
        {
            Assert.False(_process.HasExited, $"The gateway exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            var match = ListeningOn().Match(Output);
            address = match.Success ? new Uri(match.Groups["address"].Value) : null;
            return Task.FromResult(address is not null);
        }, deadline, "the gateway logs the address it listens on");
        return address!;
    }

    /// <returns>The exit code, once the process has ended on its own within the deadline.</returns>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The gateway (pid {Id}) was still running after {deadline.TotalSeconds:0} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Asks the process to stop as a service manager would: SIGTERM to its PID.</summary>
    public async Task<int> TerminateAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            _process.Kill();
        }
        else
        {
            using var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(StopDeadline);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    internal static bool IsGatewaySetting(string name) =>
        name.StartsWith("Gateway__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Serilog__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ReverseProxy__", StringComparison.OrdinalIgnoreCase)
        || name is "GATEWAY_CONFIG" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT" or "ASPNETCORE_URLS" or "URLS";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on:\s*""?(?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
