using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>
/// Headers some frameworks route by (X-Original-URL, X-Rewrite-URL) or trust for the original request
/// (X-Forwarded-*, Forwarded) never change what the gateway decides, and the rewriting ones never reach the backend.
/// </summary>
public sealed class RoutingHeaderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("X-Original-URL: /public/page")]
    [InlineData("X-Rewrite-URL: /public/page")]
    [InlineData("X-Forwarded-Prefix: /public")]
    [InlineData("X-Forwarded-Path: /public/page")]
    [InlineData("X-Forwarded-Uri: /public/page")]
    [InlineData("X-Forwarded-For: 127.0.0.1")]
    [InlineData("X-Forwarded-Host: localhost")]
    [InlineData("X-Forwarded-Proto: https")]
    [InlineData("Forwarded: for=127.0.0.1;host=localhost;proto=https")]
    [InlineData("X-HTTP-Method-Override: OPTIONS")]
    public async Task ProtectedPath_WithRoutingHeaderPointingAtPublic_Returns401(string header)
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", "/secret", "Accept: application/json", header);

        Assert.Equal(401, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Original-URL")]
    [InlineData("X-Rewrite-URL")]
    [InlineData("x_original_url")]
    [InlineData("X.Original.URL")]
    public async Task PublicPath_WithRewriteHeader_HeaderNeverReachesBackend(string name)
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", "/public/page", $"{name}: /secret");

        Assert.Equal(200, response.StatusCode);
        var echoed = EchoedRequest.Parse(response.Body);
        Assert.Equal("/public/page", echoed.Path);
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-Original-URL"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-Rewrite-URL"));
    }
}
