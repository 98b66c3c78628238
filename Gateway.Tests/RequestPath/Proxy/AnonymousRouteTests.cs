using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>Routes marked "anonymous" are reachable without signing in; every other route is not (secure by default).</summary>
public sealed class AnonymousRouteTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task HomeRoute_Anonymous_ServesBackendPage()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/").AsBrowser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Sample app</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicRoute_Anonymous_IsForwardedWithPathAndQuery()
    {
        using var client = fixture.Gateway.CreateClient();

        var echoed = await EchoedRequest.ReadAsync(await client.GetAsync("/public/docs/page?q=1"));

        Assert.Equal("/public/docs/page", echoed.Path);
        Assert.Equal("?q=1", echoed.Query);
    }

    [Theory]
    [InlineData("/hello")]
    [InlineData("/api/whoami")]
    [InlineData("/publicity")]
    [InlineData("/publicx/page")]
    public async Task RouteWithoutPolicy_Anonymous_Returns401(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_Anonymous_Returns200()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
