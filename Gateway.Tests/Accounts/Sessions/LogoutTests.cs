using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Sessions;

public sealed class LogoutTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task LogoutForm_WithAntiforgery_Redirects303ToLoggedOutAndDeletesCookie()
    {
        var (client, _) = await SignedInBrowserAsync();
        using (client)
        {
            using var response = await Forms.PostAsync(client, "/auth/logout", "/auth/logout");

            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/auth/login?reason=logged_out", response.Headers.Location?.OriginalString);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            var deleted = SetCookies.Find(response, "gateway_token");
            Assert.NotNull(deleted);
            Assert.Contains("expires=thu, 01 jan 1970 00:00:00 gmt", SetCookies.Attributes(deleted));
        }
    }

    [Fact]
    public async Task LogoutForm_OldTokenReused_IsRejected()
    {
        var (client, token) = await SignedInBrowserAsync();
        using (client)
        {
            using var logout = await Forms.PostAsync(client, "/auth/logout", "/auth/logout");
            Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        }

        using var api = Gateway.CreateClient();
        using var asBearer = await api.SendAsync(Requests.Get("/api/whoami").WithBearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);

        using var replay = Gateway.CreateClientWithoutCookieJar();
        using var asCookie = await replay.SendAsync(Requests.Get("/hello").AsBrowser().WithHeader("Cookie", $"gateway_token={token}"));
        Assert.Equal(HttpStatusCode.Found, asCookie.StatusCode);
        Assert.StartsWith("/auth/login?", asCookie.Headers.Location?.OriginalString, StringComparison.Ordinal);

        using var me = await api.SendAsync(Requests.Get("/auth/me").WithBearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task LogoutBearer_Json_Returns204AndRevokesToken()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();
        var token = await TestUsers.LoginAsync(client, user.Username);
        using var api = Gateway.CreateClientWithoutCookieJar();

        using var response = await api.SendAsync(Requests.Post("/auth/logout").AsApi().WithBearer(token));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var reuse = await api.SendAsync(Requests.Get("/api/whoami").WithBearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
    }

    [Fact]
    public async Task LogoutBearer_OtherSessionsOfSameUser_StayValid()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();
        var ended = await TestUsers.LoginAsync(client, user.Username);
        var kept = await TestUsers.LoginAsync(client, user.Username);
        using var api = Gateway.CreateClientWithoutCookieJar();

        using var logout = await api.SendAsync(Requests.Post("/auth/logout").WithBearer(ended));
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var response = await api.SendAsync(Requests.Get("/api/whoami").WithBearer(kept));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LogoutCookie_WithoutAntiforgery_Returns400AndKeepsSession()
    {
        // A cross-site form or fetch cannot end the session: only the gateway's own form can.
        var (client, _) = await SignedInBrowserAsync();
        using (client)
        {
            using var response = await client.SendAsync(Requests.Post("/auth/logout").AsBrowser());

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var me = await client.GetAsync("/auth/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
    }

    [Fact]
    public async Task LoginPage_AfterLogout_SaysSignedOut()
    {
        using var client = Gateway.CreateClient();

        var html = await client.GetStringAsync("/auth/login?reason=logged_out");

        Assert.Contains("You have been signed out.", html, StringComparison.Ordinal);
    }

    /// <summary>A browser holding a fresh session cookie, and the token inside it.</summary>
    private async Task<(HttpClient Client, string Token)> SignedInBrowserAsync()
    {
        var user = await fixture.SharedUserAsync();
        var cookies = new CookieContainer();
        var client = Gateway.CreateClient(cookies);
        using var login = await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", user.Username), ("password", TestUsers.Password));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        return (client, TestUsers.TokenCookie(cookies, Gateway.Address));
    }
}
