using System.Net;
using System.Text.Json;

using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>
/// Cookie tossing: a sibling subdomain, an insecure origin or a script on a proxied page adds a second token cookie
/// (another case, another Path or Domain) to move the victim into the attacker's session. Names are case-sensitive
/// (RFC 6265 section 5.4), and two cookies of the exact name are never resolved by picking one.
/// </summary>
public sealed class CookieTossingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("GATEWAY_TOKEN={1}; gateway_token={0}")]
    [InlineData("gateway_token={0}; GATEWAY_TOKEN={1}")]
    [InlineData("Gateway_Token={1}; gateway_token={0}; gateway_TOKEN={1}")]
    public async Task TokenCookie_CaseVariantBeside_ServedAsTheExactName(string header)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami")
            .WithHeader("Cookie", string.Format(null, header, TestTokens.Valid("alice"), TestTokens.Valid("mallory"))));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal("alice", echoed.Header("X-User-Id"));
    }

    [Theory]
    [InlineData("GATEWAY_TOKEN")]
    [InlineData("Gateway_Token")]
    public async Task TokenCookie_OnlyCaseVariant_IsNotRead(string name)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi()
            .WithHeader("Cookie", $"{name}={TestTokens.Valid("mallory")}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TokenCookie_TwiceWithExactName_BrowserSentToLoginWithCookieConflict()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/app/page").AsBrowser()
            .WithHeader("Cookie", $"gateway_token={TestTokens.Valid("mallory")}; gateway_token={TestTokens.Valid("alice")}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var redirect = LoginRedirect.Parse(response);
        Assert.Equal("cookie_conflict", redirect.Reason);
        Assert.Equal("/app/page", redirect.ReturnUrl);
    }

    [Fact]
    public async Task TokenCookie_InTwoCookieHeaders_IsAConflictToo()
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", "/api/whoami",
            "Accept: application/json",
            $"Cookie: gateway_token={TestTokens.Valid("alice")}",
            $"Cookie: gateway_token={TestTokens.Valid("mallory")}");

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("cookie_conflict", JsonDocument.Parse(response.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenCookie_TwiceWithExactName_ApiGets401NamingTheConflict()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi()
            .WithHeader("Cookie", $"gateway_token={TestTokens.Valid("alice")}; gateway_token={TestTokens.Valid("alice")}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("cookie_conflict", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenCookie_TwiceWithValidBearer_BearerWins()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Valid("bearer-user"))
            .WithHeader("Cookie", $"gateway_token={TestTokens.Valid("alice")}; gateway_token={TestTokens.Valid("mallory")}"));

        Assert.Equal("bearer-user", (await EchoedRequest.ReadAsync(response)).Header("X-User-Id"));
    }

    [Fact]
    public async Task ConflictChallenge_WithCaseVariants_ExpiresThemAtRootButNotTheExactName()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsBrowser().WithHeader("Cookie",
            $"gateway_token={TestTokens.Valid("a")}; gateway_token={TestTokens.Valid("b")}; GATEWAY_TOKEN=x; Gateway_Token_Exp=1"));

        foreach (var name in new[] { "GATEWAY_TOKEN", "Gateway_Token_Exp" })
        {
            var expired = SetCookies.Find(response, name);
            Assert.NotNull(expired);
            Assert.Contains("path=/", SetCookies.Attributes(expired));
            Assert.Contains(SetCookies.Attributes(expired), a => a.StartsWith("expires=thu, 01 jan 1970", StringComparison.Ordinal));
        }

        // Deleting the victim's own Path=/ cookie would leave the attacker's, scoped to a deeper path, as the only one.
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task LoginPage_AfterCookieConflict_TellsToClearThisSitesCookies()
    {
        using var client = fixture.Gateway.CreateClient();

        var page = await client.GetStringAsync("/auth/login?returnUrl=%2Fapp&reason=cookie_conflict");

        Assert.Contains("clear the cookies for this site", page, StringComparison.Ordinal);
    }
}
