using System.Diagnostics;

namespace Gateway.Tests;

/// <summary>No Docker engine runs here, so docker-compose.yml is checked with docker-compose's own parser and validator.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task ComposeFile_Config_TwoGatewaysShareRedisOnTwoPorts()
    {
        var (exitCode, output, error) = await ComposeAsync("syntax-check-only-not-a-secret", "config");

        Assert.True(exitCode == 0, $"docker-compose config failed:\n{error}");
        Assert.Equal(2, Count(output, "Gateway__Redis__Configuration: redis:6379"));
        Assert.Equal(2, Count(output, "Gateway__Jwt__SigningKey: syntax-check-only-not-a-secret"));
        Assert.Contains("published: 8081", output, StringComparison.Ordinal);
        Assert.Contains("published: 8082", output, StringComparison.Ordinal);
        Assert.Equal(2, Count(output, "- gateway-data:/data:rw"));
        var services = await ComposeAsync("syntax-check-only-not-a-secret", "config", "--services");
        Assert.Equal(["backend", "gateway-a", "gateway-b", "redis"], services.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task ComposeFile_NoSigningKey_RefusesToStart()
    {
        var (exitCode, _, error) = await ComposeAsync(signingKey: null, "config");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set GATEWAY_SIGNING_KEY", error, StringComparison.Ordinal);
    }

    private static int Count(string text, string line) =>
        text.Split('\n').Count(l => l.Trim() == line);

    private static async Task<(int ExitCode, string Output, string Error)> ComposeAsync(string? signingKey, params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        start.ArgumentList.Add("--file");
        start.ArgumentList.Add("docker-compose.yml");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("GATEWAY_SIGNING_KEY");
        if (signingKey is not null)
        {
            start.Environment["GATEWAY_SIGNING_KEY"] = signingKey;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string Locate()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin");
        return folders.Select(folder => Path.Combine(folder, "docker-compose")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "docker-compose is not installed, and this test needs it to check docker-compose.yml. Run ./test.sh, " +
                "which installs it, or install it yourself: apt-get install docker-compose");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "docker-compose.yml")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No docker-compose.yml above {AppContext.BaseDirectory}.");
    }
}
