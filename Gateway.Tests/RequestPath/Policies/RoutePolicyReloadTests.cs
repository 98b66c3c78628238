using System.Net;
using System.Text.Json.Nodes;
using Gateway.Tests.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.RequestPath.Policies;

/// <summary>
/// Gateway:Policies in yarp.json change with the routes, without a restart; a change YARP or the policy check refuses
/// keeps the previous routes and the previous policies, and is logged at Error.
/// </summary>
public sealed class RoutePolicyReloadTests : IAsyncLifetime
{
    private static readonly TimeSpan ReloadDeadline = TimeSpan.FromSeconds(20);

    private readonly GatewayLog _log = GatewayLog.Create();
    private readonly string _editor = TestTokens.Sign(d => d.Claims["roles"] = new[] { "editor" });
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, settings: _log.Settings);

        // The staff route comes with its policy in the same file: until then /staff/** is the catch-all route.
        await WriteConfigAsync(Config(("staff", ["admin", "editor"])));
        await WaitForEditorAsync(HttpStatusCode.OK, "the staff policy and route are applied");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task PolicyRolesChanged_AppliedWithoutARestartWarning()
    {
        await WriteConfigAsync(Config(("staff", ["admin"])));

        await WaitForEditorAsync(HttpStatusCode.Forbidden, "the editor role no longer passes the staff policy");
        Assert.DoesNotContain(_log.Since(0), e => GatewayLog.Message(e).Contains("restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RouteNamingAnUnknownPolicy_LogsErrorAndKeepsTheOldRoutesAndPolicies()
    {
        var config = Config(("staff", ["admin"]));
        config["ReverseProxy"]!["Routes"]!["docs"] = GatewayServer.Route("/docs/{**rest}", "no-such-policy");
        await WriteConfigAsync(config);

        var error = await ErrorAsync("no-such-policy");
        Assert.Contains("'docs'", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await EditorGetsAsync("/staff/page"));
        Assert.Equal(HttpStatusCode.OK, await EditorGetsAsync("/docs/page"));
    }

    [Fact]
    public async Task PolicyRemovedWhileARouteUsesIt_LogsErrorAndKeepsThePolicy()
    {
        var config = Config();
        config["Gateway"]!["Policies"] = new JsonObject { ["admins"] = new JsonObject { ["Roles"] = new JsonArray("admin") } };
        await WriteConfigAsync(config);

        var error = await ErrorAsync("'staff'");
        Assert.Contains("not defined", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await EditorGetsAsync("/staff/page"));
    }

    [Fact]
    public async Task InvalidPolicies_LogsErrorNamingTheSettingAndKeepsTheOldPolicies()
    {
        await WriteConfigAsync(Config(("staff", ["Bad Role"])));

        var error = await ErrorAsync("Gateway:Policies:staff:Roles");
        Assert.Contains("Bad Role", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await EditorGetsAsync("/staff/page"));
    }

    private JsonObject Config(params (string Name, string[] Roles)[] policies)
    {
        var routes = GatewayServer.DefaultRoutes();
        routes["staff"] = GatewayServer.Route("/staff/{**rest}", "staff");
        var config = GatewayServer.YarpJson(_backend.Address, routes);
        var section = new JsonObject();
        foreach (var (name, roles) in policies)
        {
            section[name] = new JsonObject { ["Roles"] = new JsonArray([.. roles.Select(role => JsonValue.Create(role))]) };
        }

        config["Gateway"]!["Policies"] = section;
        return config;
    }

    private Task WriteConfigAsync(JsonObject config) => File.WriteAllTextAsync(_gateway.ConfigPath, config.ToJsonString());

    private async Task<HttpStatusCode> EditorGetsAsync(string path)
    {
        using var client = _gateway.CreateClientWithoutCookieJar();
        using var response = await client.SendAsync(Requests.Get(path).AsApi().WithBearer(_editor));
        return response.StatusCode;
    }

    private async Task WaitForEditorAsync(HttpStatusCode status, string what) =>
        await Eventually.TrueAsync(async () => await EditorGetsAsync("/staff/page") == status, ReloadDeadline, what);

    private async Task<string> ErrorAsync(string containing)
    {
        List<string> Matching() => _log.Since(0)
            .Where(e => e.Level >= LogEventLevel.Error)
            .Select(e => GatewayLog.Message(e))
            .Where(m => m.Contains(containing, StringComparison.Ordinal))
            .ToList();

        await Eventually.TrueAsync(() => Task.FromResult(Matching().Count > 0), ReloadDeadline,
            $"the gateway logs an error containing {containing}");
        Assert.DoesNotContain(_log.Since(0), e => e.Exception is not null);
        return Matching()[0];
    }
}
