using System.Net;
using System.Text.Json.Nodes;
using Gateway.Tests.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.Hosting;

/// <summary>
/// yarp.json edited while the gateway runs: routes change live; a Gateway setting that needs a restart says so once;
/// a file that does not parse, or does not validate, is reported at Error and the gateway keeps what it had.
/// </summary>
public sealed class ConfigReloadTests : IAsyncLifetime
{
    private static readonly TimeSpan ReloadDeadline = TimeSpan.FromSeconds(20);

    private readonly GatewayLog _log = GatewayLog.Create();
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, settings: _log.Settings);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task GatewaySectionChanged_LogsOneWarningNamingTheKeysButNotTheirValues()
    {
        const string secretLike = "a-value-that-must-never-be-logged";
        var config = GatewayServer.YarpJson(_backend.Address);
        config["Gateway"] = new JsonObject
        {
            ["Users"] = new JsonObject { ["AllowRegistration"] = false },
            ["Pages"] = new JsonObject { ["Title"] = secretLike },
        };
        await WriteConfigAsync(config);

        var first = await NthRestartWarningAsync(1);
        Assert.Contains("Gateway:Users:AllowRegistration", first, StringComparison.Ordinal);
        Assert.Contains("Gateway:Pages:Title", first, StringComparison.Ordinal);
        Assert.Contains("restart", first, StringComparison.Ordinal);

        // The same settings with a new route: applied live, and the warning is not repeated.
        config["ReverseProxy"]!["Routes"]!["docs"] = GatewayServer.Route("/docs/{**rest}", "anonymous");
        await WriteConfigAsync(config);
        await Eventually.TrueAsync(async () =>
        {
            using var client = _gateway.CreateClient();
            using var response = await client.GetAsync("/docs/intro");
            return response.StatusCode == HttpStatusCode.OK;
        }, ReloadDeadline, "the new /docs route is served");

        // One more changed key: the next warning names it, so any repeat of the first would have come before it.
        config["Gateway"]!["Headers"] = new JsonObject { ["UserName"] = "X-Display-Name" };
        await WriteConfigAsync(config);
        var second = await NthRestartWarningAsync(2);
        Assert.Contains("Gateway:Headers:UserName", second, StringComparison.Ordinal);

        Assert.Equal(2, RestartWarnings().Count);
        Assert.DoesNotContain(secretLike, _log.TextSince(0), StringComparison.Ordinal);
        Assert.DoesNotContain("X-Display-Name", _log.TextSince(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileWithSyntaxError_LogsErrorWithLineAndKeepsServingTheOldRoutes()
    {
        using var client = _gateway.CreateClient();
        await File.WriteAllTextAsync(_gateway.ConfigPath, "{\n  \"ReverseProxy\": {\n    \"Routes\": {\n      oops\n");

        // One write may reach the file watcher as more than one change, each reported: the one of the whole file names
        // the line of the mistake.
        await Eventually.TrueAsync(
            () => Task.FromResult(Errors().Any(e => e.Contains(_gateway.ConfigPath, StringComparison.Ordinal) && e.Contains("line 4", StringComparison.Ordinal))),
            ReloadDeadline, "the gateway logs an error naming the file and the line");
        Assert.DoesNotContain(_log.Since(0), e => e.Exception is not null);

        using (var home = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        using (var protectedPage = await client.GetAsync("/hello"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, protectedPage.StatusCode);
        }

        // Fixed again: the next good file is applied as usual.
        var routes = GatewayServer.DefaultRoutes();
        routes["docs"] = GatewayServer.Route("/docs/{**rest}", "anonymous");
        await WriteConfigAsync(GatewayServer.YarpJson(_backend.Address, routes));
        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync("/docs/intro");
            return response.StatusCode == HttpStatusCode.OK;
        }, ReloadDeadline, "the fixed file's /docs route is served");
    }

    [Fact]
    public async Task RouteThatFailsValidation_LogsErrorWithTheReasonAndKeepsServingTheOldRoutes()
    {
        using var client = _gateway.CreateClient();
        var routes = GatewayServer.DefaultRoutes();
        routes["docs"] = GatewayServer.Route("/docs/{**rest}", "no-such-policy");
        await WriteConfigAsync(GatewayServer.YarpJson(_backend.Address, routes));

        await Eventually.TrueAsync(() => Task.FromResult(Errors().Any(e => e.Contains("no-such-policy", StringComparison.Ordinal))),
            ReloadDeadline, "the gateway logs an error naming the unknown policy");
        Assert.DoesNotContain(_log.Since(0), e => e.Exception is not null);

        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var docs = await client.GetAsync("/docs/intro");
        Assert.Equal(HttpStatusCode.Unauthorized, docs.StatusCode);
    }

    private Task WriteConfigAsync(JsonObject config) => File.WriteAllTextAsync(_gateway.ConfigPath, config.ToJsonString());

    private List<string> RestartWarnings() => _log.Since(0)
        .Where(e => e.Level == LogEventLevel.Warning)
        .Select(e => GatewayLog.Message(e))
        .Where(m => m.Contains("restart", StringComparison.Ordinal))
        .ToList();

    private List<string> Errors() => _log.Since(0)
        .Where(e => e.Level >= LogEventLevel.Error)
        .Select(e => GatewayLog.Message(e))
        .ToList();

    private async Task<string> NthRestartWarningAsync(int n)
    {
        await Eventually.TrueAsync(() => Task.FromResult(RestartWarnings().Count >= n), ReloadDeadline,
            $"the gateway logs restart warning number {n}");
        return RestartWarnings()[n - 1];
    }
}
