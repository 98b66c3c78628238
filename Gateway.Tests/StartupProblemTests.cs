using System.Net;
using System.Net.Sockets;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

/// <summary>
/// Start-up problems a person can fix end the process with exit code 2 and one line naming the fix, never a stack trace.
/// The built dlls run as processes, as run.sh runs them.
/// </summary>
public sealed class StartupProblemTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GatewayDll_ListenAddressInUse_ExitsWith2NamingTheAddressAndUrls()
    {
        using var taken = TakenPort();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var directory = await ConfigFolderAsync("process-port");

        await using var gateway = StartGateway(directory, Path.Combine(directory, "data"), "--urls", address);
        var exitCode = await gateway.WaitForExitAsync(ExitDeadline);

        Assert.Equal(2, exitCode);
        var line = OneProblemLine(gateway.Output);
        Assert.Contains(address, line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.Contains("GATEWAY_URLS", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayDll_DataPathIsAFile_ExitsWith2NamingTheFolderAndSetting()
    {
        // A file where the folder should be stops root too, which file permissions would not.
        var directory = await ConfigFolderAsync("process-data-file");
        var dataPath = Path.Combine(directory, "not-a-folder");
        await File.WriteAllTextAsync(dataPath, "a file");

        await using var gateway = StartGateway(directory, Path.Combine(dataPath, "data"), "--urls", "http://127.0.0.1:0");
        var exitCode = await gateway.WaitForExitAsync(ExitDeadline);

        Assert.Equal(2, exitCode);
        var line = OneProblemLine(gateway.Output);
        Assert.Contains(Path.Combine(dataPath, "data"), line, StringComparison.Ordinal);
        Assert.Contains("Gateway:DataPath", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayDll_ConfigWithSyntaxError_ExitsWith2NamingFileLineAndPosition()
    {
        var directory = TempFolder.Create("process-bad-json");
        var config = Path.Combine(directory, "yarp.json");
        await File.WriteAllTextAsync(config, "{\n  \"Gateway\": {\n    \"PathPrefix\": \"/auth\"\n    \"DataPath\": \"data\"\n  }\n}\n");

        await using var gateway = StartGateway(directory, Path.Combine(directory, "data"), "--urls", "http://127.0.0.1:0");
        var exitCode = await gateway.WaitForExitAsync(ExitDeadline);

        Assert.Equal(2, exitCode);
        var line = OneProblemLine(gateway.Output);
        Assert.Contains(config, line, StringComparison.Ordinal);
        Assert.Contains("line 4", line, StringComparison.Ordinal);
        // The comma missing at the end of line 3 is noticed at the quote that opens line 4's name.
        Assert.Contains("position 5", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayDll_WeakPreviousSigningKey_ExitsWith2NamingTheEntryNeverTheKey()
    {
        const string weakKey = "old-key-too-short";
        var directory = await ConfigFolderAsync("process-weak-previous-key");

        await using var gateway = StartGateway(directory, Path.Combine(directory, "data"),
            new Dictionary<string, string?> { ["Gateway__Jwt__PreviousSigningKeys__0"] = weakKey }, "--urls", "http://127.0.0.1:0");
        var exitCode = await gateway.WaitForExitAsync(ExitDeadline);

        Assert.Equal(2, exitCode);
        var line = OneProblemLine(gateway.Output);
        Assert.Contains("Gateway:Jwt:PreviousSigningKeys:0", line, StringComparison.Ordinal);
        Assert.Contains("Gateway__Jwt__PreviousSigningKeys__0", line, StringComparison.Ordinal);
        Assert.DoesNotContain(weakKey, gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleBackendDll_PortInUse_ExitsWith2NamingTheAddressAndBackendUrls()
    {
        using var taken = TakenPort();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        await using var backend = GatewayProcess.StartSampleBackend(TempFolder.Create("process-backend"), "--urls", address);
        var exitCode = await backend.WaitForExitAsync(ExitDeadline);

        Assert.Equal(2, exitCode);
        var lines = backend.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains(address, line, StringComparison.Ordinal);
        Assert.Contains("BACKEND_URLS", line, StringComparison.Ordinal);
    }

    private static TcpListener TakenPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static async Task<string> ConfigFolderAsync(string prefix)
    {
        var directory = TempFolder.Create(prefix);
        await File.WriteAllTextAsync(Path.Combine(directory, "yarp.json"),
            GatewayServer.YarpJson(ClosedPort.Address()).ToJsonString());
        return directory;
    }

    private static GatewayProcess StartGateway(string directory, string dataPath, params string[] args) =>
        StartGateway(directory, dataPath, new Dictionary<string, string?>(), args);

    private static GatewayProcess StartGateway(
        string directory, string dataPath, Dictionary<string, string?> environment, params string[] args)
    {
        environment["GATEWAY_CONFIG"] = Path.Combine(directory, "yarp.json");
        environment["Gateway__Jwt__SigningKey"] = GatewayServer.SigningKey;
        environment["Gateway__DataPath"] = dataPath;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return GatewayProcess.Start(directory, environment, args);
    }

    /// <returns>The one line saying why the gateway cannot start, once sure nothing like a stack trace came with it.</returns>
    internal static string OneProblemLine(string output)
    {
        Assert.DoesNotMatch(@"(?m)^\s+at \S", output);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        var problems = output.Split('\n').Where(l => l.Contains("cannot start", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 1, $"Expected one line saying why the gateway cannot start:\n{output}");
        return problems[0];
    }
}
