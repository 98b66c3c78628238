using System.Diagnostics;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// <c>dotnet Gateway.dll users ...</c> run to completion as its own process, as an operator runs it: standard input
/// written and closed, standard output and error kept apart. Configured through the environment, like a deployment:
/// GATEWAY_CONFIG and Gateway__DataPath pointing at a gateway's folder, the signing key its server runs with.
/// </summary>
internal sealed record GatewayCli(string ConfigPath, string DataPath)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>A yarp.json (routing nowhere) and an empty data folder of its own.</summary>
    public static async Task<GatewayCli> CreateAsync()
    {
        var directory = TempFolder.Create("cli");
        var config = Path.Combine(directory, "yarp.json");
        await File.WriteAllTextAsync(config, GatewayServer.YarpJson(ClosedPort.Address()).ToJsonString());
        return new GatewayCli(config, Path.Combine(directory, "data"));
    }

    /// <summary>The configuration and data of a running gateway, as the operator of that server would use them.</summary>
    public static GatewayCli For(GatewayServer server) => new(server.ConfigPath, server.DataPath);

    /// <summary>
    /// More settings as environment variables (<c>Gateway__Users__Store</c>...), as a deployment passes them; a null value
    /// removes one the run would set.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <param name="input">Written to standard input, which is then closed.</param>
    public async Task<CliRun> RunWithInputAsync(string? input, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Gateway.dll");
        var start = new ProcessStartInfo(GatewayProcess.DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(ConfigPath)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var inherited in start.Environment.Keys.Where(GatewayProcess.IsGatewaySetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["GATEWAY_CONFIG"] = ConfigPath;
        start.Environment["Gateway__DataPath"] = DataPath;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Gateway__Jwt__SigningKey"] = GatewayServer.SigningKey;
        foreach (var (name, value) in Environment)
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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Gateway.dll {string.Join(' ', args)} was still running after {Deadline.TotalSeconds:0} s.");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}

internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
