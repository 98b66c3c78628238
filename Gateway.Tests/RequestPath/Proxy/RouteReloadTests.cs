using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>Routes come from yarp.json and change when the file does, without a restart.</summary>
public sealed class RouteReloadTests : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task YarpJson_RewrittenWithNewAnonymousRoute_IsServedWithoutRestart()
    {
        using var client = _gateway.CreateClient();
        using (var before = await client.GetAsync("/docs/intro"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        var routes = GatewayServer.DefaultRoutes();
        routes["docs"] = GatewayServer.Route("/docs/{**rest}", "anonymous");
        await File.WriteAllTextAsync(_gateway.ConfigPath, GatewayServer.YarpJson(_backend.Address, routes).ToJsonString());

        await Eventually.TrueAsync(async () =>
        {
            using var response = await client.GetAsync("/docs/intro");
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(20), "the new anonymous /docs route is served");

        var echoed = await EchoedRequest.ReadAsync(await client.GetAsync("/docs/intro"));
        Assert.Equal("/docs/intro", echoed.Path);
        using var stillProtected = await client.GetAsync("/hello");
        Assert.Equal(HttpStatusCode.Unauthorized, stillProtected.StatusCode);
    }
}
