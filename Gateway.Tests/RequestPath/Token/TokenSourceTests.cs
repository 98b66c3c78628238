using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>A token is read from the cookie or Authorization: Bearer, never from the query string (it ends up in logs).</summary>
public sealed class TokenSourceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("access_token")]
    [InlineData("token")]
    [InlineData("gateway_token")]
    [InlineData("jwt")]
    public async Task Token_InQueryString_IsIgnored(string parameter)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.GetAsync($"/api/whoami?{parameter}={TestTokens.Valid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_InCookie_IsAccepted()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithHeader("Cookie", $"gateway_token={TestTokens.Valid("cookie-user")}"));

        Assert.Equal("cookie-user", (await EchoedRequest.ReadAsync(response)).Header("X-User-Id"));
    }

    [Fact]
    public async Task Token_InLowercaseBearerScheme_IsAccepted()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithHeader("Authorization", $"bearer {TestTokens.Valid("lower")}"));

        Assert.Equal("lower", (await EchoedRequest.ReadAsync(response)).Header("X-User-Id"));
    }

    [Fact]
    public async Task Token_InAnotherCookieName_IsIgnored()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithHeader("Cookie", $"token={TestTokens.Valid()}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
