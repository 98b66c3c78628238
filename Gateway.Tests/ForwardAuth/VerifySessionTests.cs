using System.Net;

using Gateway.Tests.Accounts.Sessions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.ForwardAuth;

/// <summary>The sliding refresh and the remember-me restore on /auth/verify, on a manual clock.</summary>
public sealed class VerifySessionTests : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;
    private SessionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await SessionGateway.StartAsync(_backend.Address);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Verify_CookiePastHalfLife_Answers200WithOnlyTheFreshTokenCookie()
    {
        var cookies = new CookieContainer();
        using var client = _gateway.Server.CreateClient(cookies);
        var (user, first) = await SessionGateway.SignInAsync(client);

        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/auth/verify"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, response.Headers.GetValues("X-User-Id").Single());
        // One line: nginx's auth_request_set passes on one Set-Cookie header.
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("gateway_token=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", SetCookies.Attributes(setCookie));
        var fresh = TestUsers.TokenCookie(cookies, _gateway.Server.Address);
        Assert.NotEqual(first, fresh);
        Assert.Equal(SessionGateway.Text(first, "sid"), SessionGateway.Text(fresh, "sid"));
    }

    [Fact]
    public async Task Verify_CookieBeforeHalfLife_SetsNoCookie()
    {
        using var client = _gateway.Server.CreateClient();
        await SessionGateway.SignInAsync(client);

        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 - TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/auth/verify"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Verify_BearerPastHalfLife_IsNotRefreshed()
    {
        using var signIn = _gateway.Server.CreateClient();
        var (_, token) = await SessionGateway.SignInAsync(signIn);
        using var client = _gateway.Server.CreateClientWithoutCookieJar();

        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/auth/verify").WithBearer(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Verify_RememberedSessionAfterBrowserRestart_IsRestored()
    {
        var cookies = new CookieContainer();
        using (var signIn = _gateway.Server.CreateClient(cookies))
        {
            await SessionGateway.SignInAsync(signIn, rememberMe: true);
        }

        var restarted = SessionGateway.AfterBrowserRestart(cookies);
        using var client = _gateway.Server.CreateClient(restarted);
        _gateway.Clock.Advance(SessionGateway.Lifetime * 2);

        using var response = await client.SendAsync(Requests.Get("/auth/verify"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("gateway_token=", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CookieIdleLongerThanLifetime_RedirectSaysExpired()
    {
        using var client = _gateway.Server.CreateClient();
        await SessionGateway.SignInAsync(client);

        _gateway.Clock.Advance(SessionGateway.Lifetime + TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/auth/verify?redirect=true").AsBrowser().WithHeader("X-Forwarded-Uri", "/app"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("expired", LoginRedirect.Parse(response).Reason);
    }
}
