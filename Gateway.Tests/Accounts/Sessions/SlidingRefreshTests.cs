using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Sessions;

public sealed class SlidingRefreshTests : IAsyncLifetime
{
    private CookieSettingBackend _backend = null!;
    private SessionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await CookieSettingBackend.StartAsync();
        _gateway = await SessionGateway.StartAsync(_backend.Address);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task CookieSession_PastHalfLife_ProxiedResponseCarriesFreshTokenAndBackendCookie()
    {
        var cookies = new CookieContainer();
        using var client = _gateway.Server.CreateClient(cookies);
        var (_, first) = await SessionGateway.SignInAsync(client);

        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        using var response = await client.GetAsync("/app/page");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(
            $"{CookieSettingBackend.CookieName}={CookieSettingBackend.CookieValue};",
            SetCookies.Find(response, CookieSettingBackend.CookieName),
            StringComparison.Ordinal);
        Assert.NotNull(SetCookies.Find(response, "gateway_token"));
        var fresh = TestUsers.TokenCookie(cookies, _gateway.Server.Address);
        Assert.NotEqual(first, fresh);
        Assert.NotEqual(SessionGateway.Text(first, "jti"), SessionGateway.Text(fresh, "jti"));
        Assert.Equal(SessionGateway.Text(first, "sid"), SessionGateway.Text(fresh, "sid"));
        Assert.Equal(SessionGateway.Claim(first, "auth_time"), SessionGateway.Claim(fresh, "auth_time"));
        Assert.Equal((_gateway.Clock.Now + SessionGateway.Lifetime).ToUnixTimeSeconds(), SessionGateway.Claim(fresh, "exp"));
    }

    [Fact]
    public async Task CookieSession_BeforeHalfLife_GetsNoNewToken()
    {
        using var client = _gateway.Server.CreateClient();
        await SessionGateway.SignInAsync(client);

        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 - TimeSpan.FromSeconds(1));
        using var response = await client.GetAsync("/app/page");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task GatewayPage_PastHalfLife_AlsoRefreshes()
    {
        var cookies = new CookieContainer();
        using var client = _gateway.Server.CreateClient(cookies);
        var (_, first) = await SessionGateway.SignInAsync(client);

        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/auth/me").AsApi());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(first, TestUsers.TokenCookie(cookies, _gateway.Server.Address));
    }

    [Fact]
    public async Task CookieSession_IdleLongerThanLifetime_IsSentToSignInAsExpired()
    {
        using var client = _gateway.Server.CreateClient();
        await SessionGateway.SignInAsync(client);

        _gateway.Clock.Advance(SessionGateway.Lifetime + TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/app/page").AsBrowser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("expired", LoginRedirect.Parse(response).Reason);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task CookieSession_InUse_EndsAtMaxLifetime()
    {
        var cookies = new CookieContainer();
        using var client = _gateway.Server.CreateClient(cookies);
        var (_, first) = await SessionGateway.SignInAsync(client);
        var sessionEnd = SessionGateway.Claim(first, "auth_time") + (long)SessionGateway.MaxLifetime.TotalSeconds;

        // Used every six minutes: each request past half-life gets a new token, never one past the session's end.
        var step = SessionGateway.Lifetime * 0.6;
        while (_gateway.Clock.Now.ToUnixTimeSeconds() + step.TotalSeconds < sessionEnd)
        {
            _gateway.Clock.Advance(step);
            using var used = await client.GetAsync("/app/page");
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
            Assert.True(SessionGateway.Claim(TestUsers.TokenCookie(cookies, _gateway.Server.Address), "exp") <= sessionEnd);
        }

        Assert.Equal(sessionEnd, SessionGateway.Claim(TestUsers.TokenCookie(cookies, _gateway.Server.Address), "exp"));
        _gateway.Clock.Now = DateTimeOffset.FromUnixTimeSeconds(sessionEnd + 1);
        using var response = await client.SendAsync(Requests.Get("/app/page").AsBrowser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
    }

    [Fact]
    public async Task BearerToken_PastHalfLife_IsNeverRefreshedImplicitly()
    {
        using var signIn = _gateway.Server.CreateClient();
        var (_, token) = await SessionGateway.SignInAsync(signIn);
        using var client = _gateway.Server.CreateClientWithoutCookieJar();

        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/app/page").WithBearer(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task SlidingOff_PastHalfLife_GetsNoNewToken()
    {
        await using var gateway = await SessionGateway.StartAsync(_backend.Address, ("Gateway:Session:Sliding", "false"));
        using var client = gateway.Server.CreateClient();
        await SessionGateway.SignInAsync(client);

        gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        using var response = await client.GetAsync("/app/page");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }
}
