using System.Text.Json.Nodes;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Policies;

/// <summary>A route naming an undefined policy, or invalid Gateway:Policies, stop the process with one line (exit code 2).</summary>
public sealed class RoutePolicyStartupTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GatewayDll_RouteWithUnknownPolicy_ExitsWith2NamingTheRouteAndThePolicy()
    {
        var routes = GatewayServer.DefaultRoutes();
        routes["docs"] = GatewayServer.Route("/docs/{**rest}", "no-such-policy");
        var config = GatewayServer.YarpJson(ClosedPort.Address(), routes);
        config["Gateway"]!["Policies"] = new JsonObject { ["staff"] = new JsonObject { ["Roles"] = new JsonArray("editor") } };

        var line = await ProblemLineAsync("policy-unknown", config);

        Assert.Contains("Route 'docs'", line, StringComparison.Ordinal);
        Assert.Contains("'no-such-policy'", line, StringComparison.Ordinal);
        Assert.Contains("Gateway:Policies", line, StringComparison.Ordinal);
        Assert.Contains("staff", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayDll_PolicyWithBadRoleName_ExitsWith2NamingTheSetting()
    {
        var routes = GatewayServer.DefaultRoutes();
        routes["staff"] = GatewayServer.Route("/staff/{**rest}", "staff");
        var config = GatewayServer.YarpJson(ClosedPort.Address(), routes);
        config["Gateway"]!["Policies"] = new JsonObject { ["staff"] = new JsonObject { ["Roles"] = new JsonArray("Editors!") } };

        var line = await ProblemLineAsync("policy-bad-role", config);

        Assert.Contains("Gateway:Policies:staff:Roles", line, StringComparison.Ordinal);
        Assert.Contains("Editors!", line, StringComparison.Ordinal);
    }

    private static async Task<string> ProblemLineAsync(string prefix, JsonObject config)
    {
        var directory = TempFolder.Create(prefix);
        var path = Path.Combine(directory, "yarp.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());

        await using var gateway = GatewayProcess.Start(directory, new Dictionary<string, string?>
        {
            ["GATEWAY_CONFIG"] = path,
            ["Gateway__Jwt__SigningKey"] = GatewayServer.SigningKey,
            ["Gateway__DataPath"] = Path.Combine(directory, "data"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, await gateway.WaitForExitAsync(ExitDeadline));
        return StartupProblemTests.OneProblemLine(gateway.Output);
    }
}
