using System.Globalization;
using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>
/// Tokens minted already expired with the gateway's key, so no test waits for a clock. The gateway's default clock
/// skew is 5 seconds.
/// </summary>
public sealed class ExpiredTokenTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ExpiredCookie_BrowserGet_Redirects302ToLoginWithReasonExpired()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/hello?tab=2").AsBrowser()
            .WithHeader("Cookie", $"gateway_token={TestTokens.Expired(TimeSpan.FromMinutes(1))}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var redirect = LoginRedirect.Parse(response);
        Assert.Equal("/auth/login", redirect.Path);
        Assert.Equal("/hello?tab=2", redirect.ReturnUrl);
        Assert.Equal("expired", redirect.Reason);
    }

    [Fact]
    public async Task ExpiredCookie_BrowserPost_Redirects303WithReasonExpired()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("comment", "hi")]);

        using var response = await client.SendAsync(Requests.Post("/comments", content).AsBrowser()
            .WithHeader("Cookie", $"gateway_token={TestTokens.Expired(TimeSpan.FromMinutes(1))}"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("expired", LoginRedirect.Parse(response).Reason);
    }

    [Fact]
    public async Task ExpiredBearer_Api_Returns401TokenExpired()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi().WithBearer(TestTokens.Expired(TimeSpan.FromMinutes(1))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("token_expired", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Token_ExpiredJustPastTheSkew_IsRejectedAsExpired()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Expired(TimeSpan.FromSeconds(7))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token_expired", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Token_ExpiredTwoMinutesAgo_IsRejectedDespiteAspNetFiveMinuteDefault()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Expired(TimeSpan.FromMinutes(2))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ExpiryCookieOnly_BrowserDroppedExpiredToken_RedirectsWithReasonExpired()
    {
        // The browser discards the token cookie when it expires; the secret-free companion still tells why.
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        var past = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await client.SendAsync(Requests.Get("/hello").AsBrowser().WithHeader("Cookie", $"gateway_token_exp={past}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("expired", LoginRedirect.Parse(response).Reason);
    }

    [Fact]
    public async Task LoginPage_ReasonExpired_SaysSessionExpired()
    {
        using var client = fixture.Gateway.CreateClient();

        var html = await client.GetStringAsync("/auth/login?returnUrl=%2Fhello&reason=expired");

        Assert.Contains("Your session has expired", html, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/hello\"", html, StringComparison.Ordinal);
    }
}
