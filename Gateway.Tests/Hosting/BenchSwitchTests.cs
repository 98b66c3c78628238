using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>The benchmark's stage switches live in its own host (bench/StagedGateway): the shipped gateway ignores them.</summary>
public sealed class BenchSwitchTests
{
    [Theory]
    [InlineData("auth")]
    [InlineData("auth,revocation,checks,identity,extras,request-log,metrics")]
    public async Task ProtectedRoute_GatewayBenchOffSet_StillRequiresSignIn(string stages)
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, settings: [("GATEWAY_BENCH_OFF", stages)]);
        using var client = gateway.CreateClient();

        var response = await client.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
