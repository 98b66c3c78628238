using System.Diagnostics;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

/// <summary>
/// run.sh's handling of BACKEND_URLS, the script run by bash as it is, in a copy of the repository's root files. Its
/// `dotnet` is a stand-in that writes down each command line: the real one would build the solution and keep a gateway
/// on port 8080.
/// </summary>
public sealed class RunScriptTests
{
    private const string Override = "--ReverseProxy:Clusters:sample:Destinations:local:Address http://127.0.0.1:6001/";

    [Fact]
    public async Task BackendUrls_WithTheSampleCluster_PointsItThereAndSaysSo()
    {
        var folder = CopyOfRoot(RepositoryFile.Read("yarp.json"));

        var run = await RunAsync(folder, "http://0.0.0.0:6001");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("cluster 'sample' (destination 'local') points at http://127.0.0.1:6001/", run.Output, StringComparison.Ordinal);
        Assert.Contains(Override, GatewayCommandLine(folder), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackendUrls_WithoutTheSampleCluster_LeavesTheRoutesAndSaysSo()
    {
        var folder = CopyOfRoot(RepositoryFile.Read("yarp.json").Replace("\"sample\"", "\"app\"", StringComparison.Ordinal));

        var run = await RunAsync(folder, "http://0.0.0.0:6001");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("has no cluster 'sample' with a destination 'local'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--ReverseProxy:", GatewayCommandLine(folder), StringComparison.Ordinal);
    }

    /// <summary>run.sh and the given yarp.json in a folder of their own, with a `dotnet` that logs to dotnet.log.</summary>
    private static string CopyOfRoot(string yarpJson)
    {
        var folder = TempFolder.Create("run-sh");
        File.Copy(RepositoryFile.PathOf("run.sh"), Path.Combine(folder, "run.sh"));
        File.WriteAllText(Path.Combine(folder, "yarp.json"), yarpJson);
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var dotnet = Path.Combine(bin, "dotnet");
        // The sample backend's stand-in stays up until run.sh stops it, as the real one would; the gateway's ends at once.
        File.WriteAllText(dotnet, $$"""
            #!/bin/sh
            printf '%s\n' "$*" >> '{{Path.Combine(folder, "dotnet.log")}}'
            case "$1" in *SampleBackend.dll) exec sleep 60;; esac

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }

    private static string GatewayCommandLine(string folder) =>
        Assert.Single(File.ReadAllLines(Path.Combine(folder, "dotnet.log")), line => line.Contains("Gateway.dll", StringComparison.Ordinal));

    private static async Task<CliRun> RunAsync(string folder, string backendUrls)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(folder, "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = Path.Combine(folder, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["BACKEND_URLS"] = backendUrls;
        start.Environment.Remove("GATEWAY_URLS");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
