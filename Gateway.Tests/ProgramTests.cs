using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

/// <summary>The published entry point: dotnet Gateway.dll, configured the way the README says, started and stopped by PID.</summary>
public sealed class ProgramTests
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GatewayDll_WithConfigAndKeyFromEnvironment_ServesHealthAndProxiesUntilTerminated()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayProcess.StartProductionAsync(TempFolder.Create("process"), backend.Address, "custom.json");

        var address = await gateway.ListeningAddressAsync(StartDeadline);
        using var client = new HttpClient { BaseAddress = address };
        await Eventually.TrueAsync(async () =>
        {
            using var health = await client.GetAsync("/healthz");
            return health.StatusCode == HttpStatusCode.OK;
        }, StartDeadline, "/healthz answers 200");

        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Sample app", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var protectedPage = await client.GetAsync("/api/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, protectedPage.StatusCode);
        var token = TestTokens.Valid("process-user");
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/whoami").WithBearer(token);
        Assert.Equal("process-user", (await EchoedRequest.ReadAsync(await client.SendAsync(withToken))).Header("X-User-Id"));

        Assert.Equal(0, await gateway.TerminateAsync());

        // One line per request with method, path, status, elapsed, route and user; the token never appears.
        Assert.Matches(@"HTTP GET /api/whoami responded 200 in [0-9.]+ ms \(route app, user process-user\)", gateway.Output);
        Assert.Matches(@"HTTP GET /api/whoami responded 401 in [0-9.]+ ms \(route app, user -\)", gateway.Output);
        Assert.DoesNotContain(token, gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayDll_ProductionWithoutKey_ExitsNonZeroNamingTheSetting()
    {
        var directory = TempFolder.Create("process-no-key");
        var config = Path.Combine(directory, "yarp.json");
        await File.WriteAllTextAsync(config, GatewayServer.YarpJson(ClosedPort.Address()).ToJsonString());

        await using var gateway = GatewayProcess.Start(directory, new Dictionary<string, string?>
        {
            ["GATEWAY_CONFIG"] = config,
            ["Gateway__DataPath"] = Path.Combine(directory, "data"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        }, "--urls", "http://127.0.0.1:0");

        var exitCode = await gateway.WaitForExitAsync(StartDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Gateway__Jwt__SigningKey", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", gateway.Output, StringComparison.Ordinal);
    }
}
