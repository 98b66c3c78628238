using System.Net;
using System.Net.Http.Json;

using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.ForwardAuth;

/// <summary>Caddy's forward_auth asking /auth/verify, configured exactly as docs/forward-auth.md shows.</summary>
public sealed class CaddyForwardAuthTests(CaddyForwardAuth fixture) : IClassFixture<CaddyForwardAuth>
{
    private static readonly string[] AdminRole = ["admin"];

    [Fact]
    public void ForwardAuthPage_QuotesTheTestedCaddyfile()
    {
        var page = RepositoryFile.Read("docs/forward-auth.md").ReplaceLineEndings("\n");
        var config = RepositoryFile.Read(CaddyForwardAuth.ConfigPath).ReplaceLineEndings("\n");

        Assert.True(page.Contains("```caddyfile\n" + config + "```", StringComparison.Ordinal),
            $"docs/forward-auth.md should quote {CaddyForwardAuth.ConfigPath} verbatim in a caddyfile code block.");
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
    public async Task Browser_AfterSigningInThroughCaddy_GetsThePageWithItsIdentity()
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
        Assert.Contains("Hello, Caddy User!", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var echoed = await EchoedRequest.ReadAsync(echo);
        Assert.Equal(user.Id, echoed.Header("X-User-Id"));
        Assert.Equal("Caddy User", echoed.Header("X-User-Name"));
        Assert.Equal(user.Username, echoed.Header("X-User-Login"));
        Assert.Null(echoed.Header("X-User-Roles"));
    }

    [Fact]
    public async Task SpoofedIdentityHeaders_SignedInWithoutRoles_ReplacedByTheGatewaysOwn()
    {
        var token = Minted("real-user", "Real User");

        var echoed = EchoedRequest.Parse((await RawHttp.SendAsync(fixture.Caddy.Address, "GET", "/api/whoami",
            $"Authorization: Bearer {token}",
            "X-User-Id: admin", "x-user-id: admin2", "X-User-Roles: admin", "x-user-roles: admin", "X-User-Name: Admin",
            "X-User-Login: admin")).Body);

        Assert.Equal("real-user", echoed.Header("X-User-Id"));
        Assert.Equal("Real User", echoed.Header("X-User-Name"));
        Assert.Equal("real.user", echoed.Header("X-User-Login"));
        Assert.Null(echoed.Header("X-User-Roles"));
    }

    [Fact]
    public async Task SpoofedIdentityHeaders_OnAPublicLocation_NeverReachTheBackend()
    {
        var response = await RawHttp.SendAsync(fixture.Caddy.Address, "GET", "/public/page",
            "X-User-Id: admin", "x-user-id: admin2", "X-User-Roles: admin", "X-User-Name: Admin", "X-User-Login: admin");

        Assert.Equal(200, response.StatusCode);
        var echoed = EchoedRequest.Parse(response.Body);
        Assert.Null(echoed.Header("X-User-Id"));
        Assert.Null(echoed.Header("X-User-Name"));
        Assert.Null(echoed.Header("X-User-Login"));
        Assert.Null(echoed.Header("X-User-Roles"));
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
        Assert.Equal("boss", echoed.Header("X-User-Id"));
        Assert.Equal("admin", echoed.Header("X-User-Roles"));
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
    public async Task RevokedSession_ThroughCaddy_IsRefused()
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
        descriptor.Claims["preferred_username"] = subject.Replace('-', '.');
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
        var username = "caddy" + Guid.NewGuid().ToString("N")[..12];
        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password, displayName = "Caddy User" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        return new RegisteredUser(body.GetProperty("id").GetString()!, username, "Caddy User");
    }
}
