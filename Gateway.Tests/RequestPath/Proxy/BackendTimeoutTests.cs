using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>A backend that accepts and never answers gets a 504 after Gateway:Proxy:Timeout, not YARP's 100 seconds.</summary>
public sealed class BackendTimeoutTests : IAsyncLifetime
{
    // Far under YARP's default of 100 s and far over the 1 s configured: only the configured timeout gets a 504 in time.
    private static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(30);

    private HangingBackend _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = HangingBackend.Start();
        _gateway = await GatewayServer.StartAsync(_backend.Address, [("Gateway:Proxy:Timeout", "00:00:01")]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task HangingBackend_ApiCaller_Gets504Json()
    {
        using var client = _gateway.CreateClient();
        client.Timeout = ClientPatience;

        using var response = await client.SendAsync(Requests.Get("/public/slow").AsApi());

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("backend_timeout", await response.ErrorCodeAsync());
        Assert.True(_backend.Accepted > 0, "The gateway never connected to the hanging backend.");
    }

    [Fact]
    public async Task HangingBackend_Browser_Gets504Page()
    {
        using var client = _gateway.CreateClient();
        client.Timeout = ClientPatience;

        using var response = await client.SendAsync(Requests.Get("/public/slow").AsBrowser());

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("did not answer in time", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
