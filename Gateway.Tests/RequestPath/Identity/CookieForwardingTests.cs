using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Identity;

/// <summary>The backend gets the user's id, not the user's credentials: gateway cookies and a consumed Bearer token stay behind.</summary>
public sealed class CookieForwardingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task GatewayCookies_WithValidSession_NotForwardedWhileOthersAre()
    {
        var token = TestTokens.Valid("cookie-user");
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithHeader("Cookie",
            $"theme=dark; gateway_token={token}; gateway_token_exp=1893456000; gateway_csrf=abc; session=app-session"));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal("cookie-user", echoed.Header("X-User-Id"));
        Assert.Equal(new Dictionary<string, string> { ["theme"] = "dark", ["session"] = "app-session" }, echoed.Cookies);
        Assert.DoesNotContain(token, echoed.Header("Cookie"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayCookies_OnlyGatewayCookies_NoCookieHeaderForwarded()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami")
            .WithHeader("Cookie", $"gateway_token={TestTokens.Valid()}"));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Empty(echoed.Cookies);
        Assert.Null(echoed.Header("Cookie"));
    }

    [Fact]
    public async Task GatewayCookies_OnPublicRouteWithoutValidToken_StillNotForwarded()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/public/page")
            .WithHeader("Cookie", "gateway_token=not-a-token; gateway_csrf=abc; theme=dark"));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal(new Dictionary<string, string> { ["theme"] = "dark" }, echoed.Cookies);
    }

    [Fact]
    public async Task GatewayCookies_InAnyCase_NotForwarded()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/public/page").WithHeader("Cookie",
            "GATEWAY_TOKEN=tossed; Gateway_Token_Exp=1; GATEWAY_CSRF=x; theme=dark; gateway_token2=keep"));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal(new Dictionary<string, string> { ["theme"] = "dark", ["gateway_token2"] = "keep" }, echoed.Cookies);
    }

    [Fact]
    public async Task GatewayCookies_InSecondCookieHeader_NotForwardedAndRestJoinedWithSemicolons()
    {
        var token = TestTokens.Valid("two-headers");

        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", "/api/whoami",
            "Cookie: theme=dark", $"Cookie: gateway_token={token}; lang=en", "Cookie: GATEWAY_CSRF=x");

        Assert.Equal(200, response.StatusCode);
        Assert.DoesNotContain(token, response.Body, StringComparison.Ordinal);
        var echoed = EchoedRequest.Parse(response.Body);
        Assert.Equal("two-headers", echoed.Header("X-User-Id"));
        Assert.Equal(["theme=dark; lang=en"], echoed.Headers.Single(h => h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)).Value);
    }

    [Fact]
    public async Task CookieHeaders_SeveralWithoutGatewayCookies_ForwardedAsOneJoinedWithSemicolons()
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", "/public/page",
            "Cookie: theme=dark", "Cookie: lang=en");

        var echoed = EchoedRequest.Parse(response.Body);
        Assert.Equal(["theme=dark; lang=en"], echoed.Headers.Single(h => h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)).Value);
    }

    [Fact]
    public async Task CookieSession_FromRealLogin_TokenNeverReachesBackend()
    {
        var cookies = new System.Net.CookieContainer();
        using var client = fixture.Gateway.CreateClient(cookies);
        await TestUsers.RegisterAsync(client);
        var token = TestUsers.TokenCookie(cookies, fixture.Gateway.Address);

        var response = await client.GetStringAsync("/api/whoami");

        Assert.DoesNotContain(token, response, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway_token", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_ConsumedByGateway_NotForwarded()
    {
        var token = TestTokens.Valid("bearer-user");
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(token));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal("bearer-user", echoed.Header("X-User-Id"));
        Assert.Null(echoed.Header("Authorization"));
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_ValidOnPublicRoute_NotForwarded()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/public/page").WithBearer(TestTokens.Valid()));

        Assert.Null((await EchoedRequest.ReadAsync(response)).Header("Authorization"));
    }
}
