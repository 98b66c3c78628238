using System.Diagnostics;

namespace Gateway.Tests;

/// <summary>No Docker engine runs here, so docker-compose.yml is checked with docker-compose's own parser and validator.</summary>
public sealed class ComposeFileTests
{
    private const string SigningKey = "syntax-check-only-not-a-secret";
    private const string PostgresPassword = "syntax-check-only-not-a-password";

    [Fact]
    public async Task ComposeFile_Config_TwoGatewaysOnPostgreSqlAndRedisBehindNginx()
    {
        var (exitCode, output, error) = await ComposeAsync(SigningKey, PostgresPassword, "config");

        Assert.True(exitCode == 0, $"docker-compose config failed:\n{error}");
        Assert.Equal(2, Count(output, "Gateway__Redis__Configuration: redis:6379"));
        Assert.Equal(2, Count(output, $"Gateway__Jwt__SigningKey: {SigningKey}"));
        Assert.Equal(2, Count(output, "Gateway__Users__Store: PostgreSql"));
        Assert.Equal(2, Count(output,
            $"Gateway__Users__ConnectionString: Host=postgres;Database=gateway;Username=gateway;Password={PostgresPassword}"));
        var services = await ComposeAsync(SigningKey, PostgresPassword, "config", "--services");
        Assert.Equal(["backend", "gateway-a", "gateway-b", "nginx", "postgres", "redis"],
            services.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task ComposeFile_GatewayReplicas_ShareNoVolume()
    {
        var blocks = Services((await ComposeAsync(SigningKey, PostgresPassword, "config")).Output);

        foreach (var replica in new[] { "gateway-a", "gateway-b" })
        {
            // Only the routes, read-only from the repository: no named volume, so nothing on disk is shared.
            Assert.Equal([$"- {RepositoryRoot()}/compose/yarp.json:/config/yarp.json:ro"], ListUnder(blocks[replica], "volumes:"));
        }
    }

    [Fact]
    public async Task ComposeFile_LoadBalancer_IsTheOnlyPublishedPort()
    {
        var blocks = Services((await ComposeAsync(SigningKey, PostgresPassword, "config")).Output);

        Assert.Equal(["nginx"], blocks.Where(block => block.Value.Any(line => line.Trim() == "ports:")).Select(block => block.Key));
        Assert.Contains("- published: 8080", ListUnder(blocks["nginx"], "ports:"));
        Assert.Contains("image: nginx:1.27", blocks["nginx"].Select(line => line.Trim()));
    }

    [Fact]
    public async Task ComposeFile_Nginx_ForwardsToBothReplicasAndIsTrustedByThem()
    {
        var output = (await ComposeAsync(SigningKey, PostgresPassword, "config")).Output;
        var blocks = Services(output);
        var config = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "compose", "nginx.conf"));

        Assert.Contains($"- {RepositoryRoot()}/compose/nginx.conf:/etc/nginx/conf.d/default.conf:ro", ListUnder(blocks["nginx"], "volumes:"));
        Assert.Contains("server gateway-a:8080;", config, StringComparison.Ordinal);
        Assert.Contains("server gateway-b:8080;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Host $http_host;", config, StringComparison.Ordinal);
        // The trusted network is the one the compose file defines, not a guess at Docker's default.
        Assert.Equal(1, Count(output, "- subnet: 172.28.0.0/24"));
        Assert.Equal(2, Count(output, "Gateway__ForwardedHeaders__KnownNetworks__0: 172.28.0.0/24"));
    }

    [Fact]
    public async Task ComposeFile_NoSigningKey_RefusesToStart()
    {
        var (exitCode, _, error) = await ComposeAsync(signingKey: null, PostgresPassword, "config");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set GATEWAY_SIGNING_KEY", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeFile_NoPostgresPassword_RefusesToStart()
    {
        var (exitCode, _, error) = await ComposeAsync(SigningKey, postgresPassword: null, "config");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("set POSTGRES_PASSWORD", error, StringComparison.Ordinal);
    }

    /// <summary>Each service's lines in docker-compose config's YAML, by service name (keys indented two spaces under services).</summary>
    private static Dictionary<string, List<string>> Services(string output)
    {
        var blocks = new Dictionary<string, List<string>>();
        List<string>? current = null;
        var inServices = false;
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith(' '))
            {
                inServices = line.TrimEnd() == "services:";
                current = null;
            }
            else if (inServices && line.Length > 2 && line[2] != ' ' && line.TrimEnd().EndsWith(':'))
            {
                current = blocks[line.Trim().TrimEnd(':')] = [];
            }
            else
            {
                current?.Add(line);
            }
        }

        return blocks;
    }

    /// <summary>The "- item" lines directly under <paramref name="key"/> in a service block.</summary>
    private static List<string> ListUnder(List<string> block, string key)
    {
        var index = block.FindIndex(line => line.Trim() == key);
        if (index < 0)
        {
            return [];
        }

        // docker-compose writes a list at its key's indent, an item's own keys deeper.
        var indent = Indent(block[index]);
        return block.Skip(index + 1)
            .TakeWhile(line => Indent(line) > indent || (Indent(line) == indent && IsItem(line)))
            .Where(line => Indent(line) == indent)
            .Select(line => line.Trim())
            .ToList();
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static bool IsItem(string line) => line.TrimStart().StartsWith("- ", StringComparison.Ordinal);

    private static int Count(string text, string line) =>
        text.Split('\n').Count(l => l.Trim() == line);

    private static async Task<(int ExitCode, string Output, string Error)> ComposeAsync(
        string? signingKey, string? postgresPassword, params string[] arguments)
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
        start.Environment.Remove("POSTGRES_PASSWORD");
        if (signingKey is not null)
        {
            start.Environment["GATEWAY_SIGNING_KEY"] = signingKey;
        }

        if (postgresPassword is not null)
        {
            start.Environment["POSTGRES_PASSWORD"] = postgresPassword;
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
