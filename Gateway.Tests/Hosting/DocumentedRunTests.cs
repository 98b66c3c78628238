using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>
/// README's "In front of your own app": its yarp.json and its command line, run as printed (only the paths of the
/// build, the configuration folder and the app changed), as a process in front of a real backend.
/// </summary>
public sealed partial class DocumentedRunTests
{
    private const string Section = "## In front of your own app";
    private const string PublicHost = "app.example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Settings of the machine running the tests that would choose the address for the gateway.
    private static readonly string[] AddressVariables = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS"];

    [Fact]
    public async Task DocumentedCommand_NothingElseSet_ListensOnLoopback8080()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var (directory, commandLine) = await PrepareAsync(backend.Address);

        await using var gateway = GatewayProcess.StartCommandLine(directory, Environment(), commandLine);
        await Eventually.TrueAsync(
            () => Task.FromResult(gateway.HasExited || gateway.Output.Contains("Now listening on", StringComparison.Ordinal)),
            Deadline, "the gateway listens or exits");

        if (gateway.HasExited)
        {
            // Port 8080 is taken on this machine: the gateway says so, naming the address it tried.
            Assert.Equal(2, await gateway.WaitForExitAsync(Deadline));
            Assert.Contains("http://127.0.0.1:8080", StartupProblemTests.OneProblemLine(gateway.Output), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(["http://127.0.0.1:8080"], ListeningOn().Matches(gateway.Output).Select(m => m.Groups["address"].Value));
        using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080") };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/static/style", PublicHost));
    }

    [Fact]
    public async Task DocumentedCommand_AspNetCoreUrlsSet_ServesTheAppThereAsProduction()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var (directory, commandLine) = await PrepareAsync(backend.Address);
        var environment = Environment();
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        await using var gateway = GatewayProcess.StartCommandLine(directory, environment, commandLine);
        using var client = new HttpClient { BaseAddress = await gateway.ListeningAddressAsync(Deadline) };

        using (var request = Requests.Get("/static/style"))
        {
            request.Headers.Host = PublicHost;
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("/static/style", (await EchoedRequest.ReadAsync(response)).Path);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/account", PublicHost));
        // Production: only the host named in Gateway:AllowedHosts is served.
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(client, "/static/style", "127.0.0.1"));
        Assert.True(File.Exists(Path.Combine(directory, "data", "users.db")), "The data folder is ./data where the command ran.");
    }

    /// <returns>A folder standing for /etc/gateway (README's yarp.json routing to <paramref name="app"/>, a signing-key file), and the command line to run there.</returns>
    private static async Task<(string Directory, string CommandLine)> PrepareAsync(Uri app)
    {
        var readme = RepositoryFile.Read("README.md").ReplaceLineEndings("\n");
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '{Section}'.");
        var section = readme[start..readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal)];

        var json = JsonCode().Match(section);
        Assert.True(json.Success, "The section shows no yarp.json.");
        var config = JsonNode.Parse(json.Groups["code"].Value)!.AsObject();
        var destination = config["ReverseProxy"]!["Clusters"]!["app"]!["Destinations"]!["one"]!;
        destination["Address"] = app.ToString();

        var command = section.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Contains("dotnet out/Gateway.dll --config", StringComparison.Ordinal));
        Assert.True(command is not null, "The section shows no command line running out/Gateway.dll.");

        var directory = TempFolder.Create("documented-run");
        var etc = Path.Combine(directory, "etc-gateway");
        Directory.CreateDirectory(etc);
        await File.WriteAllTextAsync(Path.Combine(etc, "yarp.json"), config.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(etc, "signing-key"), GatewayServer.SigningKey + "\n");
        return (directory, command
            .Replace("out/Gateway.dll", Path.Combine(AppContext.BaseDirectory, "Gateway.dll"), StringComparison.Ordinal)
            .Replace("/etc/gateway/", etc + "/", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Environment() => AddressVariables.ToDictionary(name => name, _ => (string?)null);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string host)
    {
        using var request = Requests.Get(path);
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("```json\\n(?<code>.*?)\\n *```", RegexOptions.Singleline)]
    private static partial Regex JsonCode();

    [GeneratedRegex(@"Now listening on:\s*""?(?<address>[^""\s]+)")]
    private static partial Regex ListeningOn();
}
