using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Sessions;

public sealed class RememberMeTests : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;
    private SessionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await SessionGateway.StartAsync(_backend.Address, ("Gateway:Session:RememberMe:Lifetime", "2.00:00:00"));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Remembered_BrowserRestartAndIdlePastMaxLifetime_IsRestoredTransparently()
    {
        var cookies = new CookieContainer();
        using (var browser = _gateway.Server.CreateClient(cookies))
        {
            await SessionGateway.SignInAsync(browser, rememberMe: true);
        }

        var first = TestUsers.TokenCookie(cookies, _gateway.Server.Address);
        var restarted = SessionGateway.AfterBrowserRestart(cookies);
        _gateway.Clock.Advance(SessionGateway.MaxLifetime + TimeSpan.FromHours(3));
        using var client = _gateway.Server.CreateClient(restarted);

        var echoed = await EchoedRequest.ReadAsync(await client.SendAsync(Requests.Get("/api/whoami").AsBrowser()));

        Assert.NotNull(echoed.Header("X-User-Id"));
        var restored = TestUsers.TokenCookie(restarted, _gateway.Server.Address);
        Assert.Equal(SessionGateway.Text(first, "sid"), SessionGateway.Text(restored, "sid"));
        Assert.Equal(SessionGateway.Claim(first, "auth_time"), SessionGateway.Claim(restored, "auth_time"));
    }

    [Fact]
    public async Task Remembered_ExpiredTokenCookieStillSent_IsRestoredInsteadOfExpired()
    {
        var cookies = new CookieContainer();
        using var client = _gateway.Server.CreateClient(cookies);
        var (user, _) = await SessionGateway.SignInAsync(client, rememberMe: true);

        _gateway.Clock.Advance(SessionGateway.Lifetime * 3);
        var echoed = await EchoedRequest.ReadAsync(await client.SendAsync(Requests.Get("/api/whoami").AsBrowser()));

        Assert.Equal(user.Id, echoed.Header("X-User-Id"));
    }

    [Fact]
    public async Task NotRemembered_BrowserRestart_IsSignedOut()
    {
        var cookies = new CookieContainer();
        using (var browser = _gateway.Server.CreateClient(cookies))
        {
            await SessionGateway.SignInAsync(browser);
            Assert.Null(cookies.GetCookies(_gateway.Server.Address)["gateway_session"]);
        }

        using var client = _gateway.Server.CreateClient(SessionGateway.AfterBrowserRestart(cookies));
        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsBrowser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
    }

    [Fact]
    public async Task Remembered_PastRememberLifetime_IsSignedOut()
    {
        var cookies = new CookieContainer();
        using (var browser = _gateway.Server.CreateClient(cookies))
        {
            await SessionGateway.SignInAsync(browser, rememberMe: true);
        }

        _gateway.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        using var client = _gateway.Server.CreateClient(SessionGateway.AfterBrowserRestart(cookies));
        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsBrowser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
    }

    [Fact]
    public async Task Remembered_AfterLogout_CredentialRestoresNothing()
    {
        var cookies = new CookieContainer();
        using var browser = _gateway.Server.CreateClient(cookies);
        var (_, token) = await SessionGateway.SignInAsync(browser, rememberMe: true);
        var kept = SessionGateway.AfterBrowserRestart(cookies);
        using (var api = _gateway.Server.CreateClientWithoutCookieJar())
        using (var logout = await api.SendAsync(Requests.Post("/auth/logout").WithBearer(token).AsApi()))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var client = _gateway.Server.CreateClient(kept);
        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsBrowser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
        Assert.Contains("expires=thu, 01 jan 1970 00:00:00 gmt", SetCookies.Attributes(SetCookies.Find(response, "gateway_session")!));
    }

    [Fact]
    public async Task Remembered_AfterLogoutEverywhere_CredentialRestoresNothing()
    {
        var cookies = new CookieContainer();
        using var browser = _gateway.Server.CreateClient(cookies);
        var (_, token) = await SessionGateway.SignInAsync(browser, rememberMe: true);
        var kept = SessionGateway.AfterBrowserRestart(cookies);
        using (var api = _gateway.Server.CreateClientWithoutCookieJar())
        using (var logout = await api.SendAsync(Requests.Post("/auth/logout?everywhere=true").WithBearer(token).AsApi()))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        // Long after the cut-off left the revocation view: the user store still holds it.
        _gateway.Clock.Advance(SessionGateway.MaxLifetime * 3);
        using var client = _gateway.Server.CreateClient(kept);
        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsBrowser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
    }

    [Fact]
    public async Task RememberCredential_AsBearerToken_IsRefused()
    {
        var cookies = new CookieContainer();
        using var browser = _gateway.Server.CreateClient(cookies);
        await SessionGateway.SignInAsync(browser, rememberMe: true);
        var credential = cookies.GetCookies(_gateway.Server.Address)["gateway_session"]!.Value;
        using var client = _gateway.Server.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(credential).AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RememberCookie_IsPersistentHttpOnly_AndNeverForwarded()
    {
        var cookies = new CookieContainer();
        using var browser = _gateway.Server.CreateClient(cookies);
        await SessionGateway.SignInAsync(browser, rememberMe: true);
        var remember = cookies.GetCookies(_gateway.Server.Address)["gateway_session"];
        Assert.NotNull(remember);
        Assert.True(remember.HttpOnly);
        Assert.NotEqual(DateTime.MinValue, remember.Expires);

        var echoed = await EchoedRequest.ReadAsync(await browser.GetAsync("/api/whoami"));

        Assert.DoesNotContain("gateway_session", echoed.Cookies.Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RememberMeDisabled_FlagIgnored_NoRememberCookie()
    {
        await using var gateway = await SessionGateway.StartAsync(_backend.Address, ("Gateway:Session:RememberMe:Enabled", "false"));
        var cookies = new CookieContainer();
        using var client = gateway.Server.CreateClient(cookies);

        await SessionGateway.SignInAsync(client, rememberMe: true);
        var login = await client.GetStringAsync("/auth/login");

        Assert.Null(cookies.GetCookies(gateway.Server.Address)["gateway_session"]);
        Assert.DoesNotContain("rememberMe", login, StringComparison.Ordinal);
    }
}
