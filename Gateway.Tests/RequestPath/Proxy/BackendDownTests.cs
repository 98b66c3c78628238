using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>A backend nothing listens for: a clear 502, a page for browsers and JSON for APIs, never a stack trace.</summary>
public sealed class BackendDownTests : IAsyncLifetime
{
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayServer.StartAsync(ClosedPort.Address());

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task BackendDown_ApiCaller_Gets502Json()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/public/page").AsApi());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("backend_unreachable", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task BackendDown_Browser_Gets502Page()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/").AsBrowser());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The application is unreachable", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackendDown_SignedInOnProtectedRoute_Gets502()
    {
        using var client = _gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi().WithBearer(TestTokens.Valid()));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("backend_unreachable", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task BackendDown_ProtectedRouteWithoutToken_StillAsksToSignIn()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BackendDown_GatewayPages_StillServed()
    {
        using var client = _gateway.CreateClient();

        using var response = await client.GetAsync("/auth/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
