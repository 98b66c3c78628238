using System.Net;
using System.Net.Http.Json;

using Gateway.Storage;
using Gateway.Tests.Accounts.Sessions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.ForwardAuth;

/// <summary>nginx's auth_request asking /auth/verify, configured exactly as docs/forward-auth.md shows.</summary>
public sealed class NginxForwardAuthTests(NginxForwardAuth fixture) : IClassFixture<NginxForwardAuth>
{
    private static readonly string[] AdminRole = ["admin"];

    [Fact]
    public void ForwardAuthPage_QuotesTheTestedNginxConfiguration()
    {
        var page = RepositoryFile.Read("docs/forward-auth.md").ReplaceLineEndings("\n");
        var config = RepositoryFile.Read(NginxForwardAuth.ConfigPath).ReplaceLineEndings("\n");

        Assert.True(page.Contains("```nginx\n" + config + "```", StringComparison.Ordinal),
            $"docs/forward-auth.md should quote {NginxForwardAuth.ConfigPath} verbatim in an nginx code block.");
    }

    [Fact]
    public async Task Browser_WithoutCookie_IsSentToTheGatewaysLoginWithItsAddress()
    {
        using var client = fixture.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/hello?a=1&b=2").AsBrowser());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/auth/login?returnUrl=%2Fhello%3Fa%3D1%26b%3D2", response.Headers.Location?.OriginalString);
        using var login = await client.SendAsync(Requests.Get(response.Headers.Location!.OriginalString).AsBrowser());
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("value=\"/hello?a=1&amp;b=2\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_WithoutCookie_Gets401Json()
    {
        using var client = fixture.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Browser_AfterSigningInThroughNginx_GetsThePageWithItsUserId()
    {
        var user = await RegisterAsync();
        var cookies = new CookieContainer();
        using var client = fixture.CreateClient(cookies);
        using var signIn = await Forms.PostAsync(client, "/auth/login?returnUrl=%2Fhello", "/auth/login",
            ("username", user.Username), ("password", TestUsers.Password), ("returnUrl", "/hello"));
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/hello", signIn.Headers.Location?.OriginalString);

        using var page = await client.SendAsync(Requests.Get("/hello").AsBrowser());
        using var echo = await client.SendAsync(Requests.Get("/api/whoami").AsApi());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hello, Nginx User!", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var echoed = await EchoedRequest.ReadAsync(echo);
        Assert.Equal([user.Id], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Equal(["Nginx User"], echoed.ValuesAsBackendsSeeThem("X-User-Name"));
        Assert.Equal([user.Username], echoed.ValuesAsBackendsSeeThem("X-User-Login"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task SpoofedIdentityHeaders_SignedIn_NeverReachTheBackend()
    {
        var token = Minted("real-user", "Real User");

        var echoed = EchoedRequest.Parse((await RawHttp.SendAsync(fixture.Nginx.Address, "GET", "/api/whoami",
            $"Authorization: Bearer {token}",
            "X-User-Id: admin", "x-user-id: admin2", "X_User_Id: admin3", "X.User.Id: admin4",
            "X-User-Roles: admin", "X-User-Name: Admin", "X-User-Login: admin")).Body);

        Assert.Equal(["real-user"], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Equal(["Real User"], echoed.ValuesAsBackendsSeeThem("X-User-Name"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Login"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task SpoofedIdentityHeaders_OnAPublicLocation_NeverReachTheBackend()
    {
        var response = await RawHttp.SendAsync(fixture.Nginx.Address, "GET", "/public/page",
            "X-User-Id: admin", "x-user-id: admin2", "X_User_Id: admin3", "X-User-Roles: admin", "X-User-Name: Admin");

        Assert.Equal(200, response.StatusCode);
        var echoed = EchoedRequest.Parse(response.Body);
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Name"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task PolicyLocation_SignedInWithoutTheRole_Gets403()
    {
        using var client = fixture.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/admin/settings").AsBrowser().WithBearer(Minted("reader")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PolicyLocation_WithTheRole_IsServedWithTheRoles()
    {
        using var client = fixture.CreateClient();
        var token = Minted("boss", roles: AdminRole);

        using var response = await client.SendAsync(Requests.Get("/admin/settings").AsApi().WithBearer(token));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal("/admin/settings", echoed.Path);
        Assert.Equal(["boss"], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Equal(["admin"], echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task PolicyLocation_WithoutToken_SendsBrowsersToSignIn()
    {
        using var client = fixture.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/admin/settings").AsBrowser());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/admin/settings", LoginRedirect.Parse(response).ReturnUrl);
    }

    [Fact]
    public async Task RevokedSession_ThroughNginx_IsSentToSignIn()
    {
        var user = await RegisterAsync();
        using var client = fixture.CreateClient();
        var token = await TestUsers.LoginAsync(client, user.Username);
        using (var logout = await client.SendAsync(Requests.Post("/auth/logout").AsApi().WithBearer(token)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi().WithBearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A token as the gateway would issue it, dated by the gateway's manual clock.</summary>
    private string Minted(string subject, string name = "Minted User", string[]? roles = null)
    {
        var descriptor = TestTokens.Descriptor(subject, name);
        var now = fixture.Gateway.Clock.Now.UtcDateTime;
        (descriptor.IssuedAt, descriptor.NotBefore, descriptor.Expires) = (now, now, now.AddMinutes(5));
        if (roles is not null)
        {
            descriptor.Claims["roles"] = roles;
        }

        return TestTokens.Sign(descriptor);
    }

    private async Task<RegisteredUser> RegisterAsync()
    {
        using var client = fixture.CreateClient();
        var username = "nginx" + Guid.NewGuid().ToString("N")[..12];
        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password, displayName = "Nginx User" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        return new RegisteredUser(body.GetProperty("id").GetString()!, username, "Nginx User");
    }
}

/// <summary>The sliding refresh through nginx: its own gateway, since it moves the clock.</summary>
public sealed class NginxSlidingRefreshTests : IAsyncLifetime
{
    private readonly NginxForwardAuth _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task CookiePastHalfLife_ThroughNginx_BrowserGetsTheFreshHttpOnlyTokenCookie()
    {
        var cookies = new CookieContainer();
        using var client = _fixture.CreateClient(cookies);
        var (user, first) = await SessionGateway.SignInAsync(client);

        _fixture.Gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi());

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal([user.Id], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        var setCookie = SetCookies.Find(response, "gateway_token");
        Assert.NotNull(setCookie);
        Assert.Contains("httponly", SetCookies.Attributes(setCookie));
        var fresh = TestUsers.TokenCookie(cookies, _fixture.Nginx.Address);
        Assert.NotEqual(first, fresh);
        Assert.Equal(SessionGateway.Text(first, "sid"), SessionGateway.Text(fresh, "sid"));
    }
}
