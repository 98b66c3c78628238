using System.Net;
using System.Net.Http.Json;

using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.RequestPath.Policies;

namespace Gateway.Tests.ForwardAuth;

/// <summary>
/// <c>/auth/verify</c> as nginx, Traefik and Caddy call it, against a gateway with the policies <c>staff</c> (admin or
/// editor) and <c>admins</c> (admin), and the public routes "/" and "/public/**".
/// </summary>
public sealed class VerifyEndpointTests(RoutePolicyFixture fixture) : IClassFixture<RoutePolicyFixture>
{
    private static readonly string[] AdminAndEditor = ["admin", "editor"];

    [Fact]
    public async Task Verify_ValidBearer_Answers200WithIdentityHeadersAndNoBody()
    {
        var token = TestTokens.Sign(d =>
        {
            d.Claims["sub"] = "user-42";
            d.Claims["name"] = "Zoë";
            d.Claims["roles"] = AdminAndEditor;
        });

        using var response = await SendAsync(Requests.Get("/auth/verify").WithBearer(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user-42", Header(response, "X-User-Id"));
        Assert.Equal("Zo%C3%AB", Header(response, "X-User-Name"));
        Assert.Equal("admin,editor", Header(response, "X-User-Roles"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Verify_UserWithoutRoles_SendsNoRolesHeader()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify").WithBearer(TestTokens.Valid("user-7")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user-7", Header(response, "X-User-Id"));
        Assert.False(response.Headers.Contains("X-User-Roles"));
    }

    [Fact]
    public async Task Verify_ValidCookie_Answers200WithTheUsersHeaders()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client, displayName: "Cookie User");

        using var response = await client.SendAsync(Requests.Get("/auth/verify").AsBrowser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, Header(response, "X-User-Id"));
        Assert.Equal("Cookie User", Header(response, "X-User-Name"));
    }

    [Fact]
    public async Task Verify_Head_Answers200WithIdentityHeaders()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Head, "/auth/verify").WithBearer(TestTokens.Valid("user-head")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user-head", Header(response, "X-User-Id"));
    }

    [Fact]
    public async Task Verify_HeadWithoutToken_Answers401()
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Head, "/auth/verify"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Verify_NoTokenFromScript_Answers401Json()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify").AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Null(response.Headers.Location);
    }

    /// <summary>nginx's auth_request understands only 2xx, 401 and 403: a browser's request must not get a redirect or a page.</summary>
    [Fact]
    public async Task Verify_NoTokenFromBrowser_Answers401JsonWithTheLoginPageInLocation()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify").AsBrowser().WithHeader("X-Original-URI", "/docs/page?a=1&b=2"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
        var login = LoginRedirect.Parse(response);
        Assert.Equal("/auth/login", login.Path);
        Assert.Equal("/docs/page?a=1&b=2", login.ReturnUrl);
    }

    [Theory]
    [InlineData("X-Forwarded-Uri")]
    [InlineData("X-Original-URI")]
    public async Task Verify_RedirectRequestedByBrowser_Answers302WithTheOriginalUrl(string header)
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?redirect=true").AsBrowser().WithHeader(header, "/wiki/page?x=1"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/auth/login?returnUrl=%2Fwiki%2Fpage%3Fx%3D1", response.Headers.Location?.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Verify_BothOriginalUriHeaders_PrefersForwardedUri()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?redirect=true").AsBrowser()
            .WithHeader("X-Forwarded-Uri", "/from-traefik").WithHeader("X-Original-URI", "/from-nginx"));

        Assert.Equal("/from-traefik", LoginRedirect.Parse(response).ReturnUrl);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/auth/login?returnUrl=/x")]
    [InlineData("relative/path")]
    public async Task Verify_RedirectWithUnsafeOriginalUrl_FallsBackToRoot(string original)
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?redirect=true").AsBrowser().WithHeader("X-Forwarded-Uri", original));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", LoginRedirect.Parse(response).ReturnUrl);
    }

    [Fact]
    public async Task Verify_RedirectWithoutOriginalUrl_ReturnsToRoot()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?redirect=true").AsBrowser());

        Assert.Equal("/", LoginRedirect.Parse(response).ReturnUrl);
    }

    [Fact]
    public async Task Verify_RedirectRequestedByScript_Answers401Json()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?redirect=true").AsApi().WithHeader("X-Forwarded-Uri", "/x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Verify_ExpiredCookieWithRedirect_SaysExpired()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        using var request = Requests.Get("/auth/verify?redirect=true").AsBrowser()
            .WithHeader("Cookie", "gateway_token=" + TestTokens.Expired(TimeSpan.FromMinutes(5)))
            .WithHeader("X-Forwarded-Uri", "/page");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var login = LoginRedirect.Parse(response);
        Assert.Equal(("/page", "expired"), (login.ReturnUrl, login.Reason));
    }

    [Fact]
    public async Task Verify_ExpiredBearer_Answers401TokenExpired()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify").AsApi().WithBearer(TestTokens.Expired(TimeSpan.FromMinutes(5))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token_expired", await response.ErrorCodeAsync());
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staff", "editor")]
    [InlineData("admins", "admin")]
    [InlineData("gateway:admin", "admin")]
    [InlineData("default", "reader")]
    [InlineData("STAFF", "editor")]
    public async Task Verify_PolicyAndARole_Answers200(string policy, string role)
    {
        using var response = await SendAsync(Requests.Get($"/auth/verify?policy={Uri.EscapeDataString(policy)}").WithBearer(WithRoles(role)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(role, Header(response, "X-User-Roles"));
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("admins")]
    [InlineData("gateway:admin")]
    public async Task Verify_PolicyWithoutTheRole_Answers403Json(string policy)
    {
        using var response = await SendAsync(Requests.Get($"/auth/verify?policy={Uri.EscapeDataString(policy)}").AsBrowser().WithBearer(WithRoles("reader")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await response.ErrorCodeAsync());
        Assert.False(response.Headers.Contains("X-User-Id"));
    }

    [Fact]
    public async Task Verify_PolicyWithoutTheRoleAndRedirect_ShowsBrowsersTheForbiddenPage()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?policy=admins&redirect=true").AsBrowser().WithBearer(WithRoles("reader")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Verify_PolicyWithoutToken_Answers401()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?policy=admins").AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("?policy=stafff")]
    [InlineData("?policy=anonymous")]
    [InlineData("?policy=")]
    [InlineData("?policy=staff&policy=admins")]
    public async Task Verify_UnknownPolicy_Answers400NamingIt(string query)
    {
        using var response = await SendAsync(Requests.Get("/auth/verify" + query).AsBrowser().WithBearer(WithRoles("admin")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("unknown_policy", body.GetProperty("error").GetString());
        Assert.Contains("Gateway:Policies", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-User-Id"));
    }

    [Fact]
    public async Task Verify_UnknownPolicyWithoutToken_StillAnswers400()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?policy=stafff").AsApi());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'stafff'", (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>oauth2-proxy GHSA-7x63-xv5r-3p2x: the original URI a proxy reports must never make a protected location public.</summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/public/page")]
    [InlineData("/auth/login")]
    public async Task Verify_SpoofedOriginalUriOfAPublicRoute_StillAnswers401(string publicPath)
    {
        using var response = await SendAsync(Requests.Get("/auth/verify").AsApi()
            .WithHeader("X-Forwarded-Uri", publicPath)
            .WithHeader("X-Original-URI", publicPath)
            .WithHeader("X-Original-URL", publicPath)
            .WithHeader("X-Forwarded-Method", "OPTIONS"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("X-User-Id"));
    }

    [Fact]
    public async Task Verify_SpoofedOriginalUriOfAWeakerRoute_StillAppliesThePolicy()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify?policy=admins").AsApi().WithBearer(WithRoles("editor"))
            .WithHeader("X-Forwarded-Uri", "/staff/page").WithHeader("X-Original-URI", "/public/page"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Verify_SpoofedIdentityHeaders_AreNotEchoed()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify").WithBearer(TestTokens.Valid("real-user"))
            .WithHeader("X-User-Id", "admin").WithHeader("X-User-Roles", "admin"));

        Assert.Equal("real-user", Header(response, "X-User-Id"));
        Assert.False(response.Headers.Contains("X-User-Roles"));
    }

    [Fact]
    public async Task Verify_TokenOfASignedOutSession_Answers401()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        using (var before = await client.SendAsync(Requests.Get("/auth/verify").WithBearer(token)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var logout = await client.SendAsync(Requests.Post("/auth/logout").AsApi().WithBearer(token)))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var response = await client.SendAsync(Requests.Get("/auth/verify").AsApi().WithBearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("X-User-Id"));
    }

    [Fact]
    public async Task Verify_HostNotAllowed_Answers400UnknownHost()
    {
        using var response = await SendAsync(Requests.Get("/auth/verify").AsApi().WithHost("app.example.com").WithBearer(TestTokens.Valid()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unknown_host", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Verify_Post_IsNotAnswered()
    {
        using var response = await SendAsync(Requests.Post("/auth/verify", JsonContent.Create(new { })).WithBearer(TestTokens.Valid()));

        Assert.False(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("X-User-Id"));
    }

    private static string WithRoles(params string[] roles) => TestTokens.Sign(d => d.Claims["roles"] = roles);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        using (request)
        {
            return await client.SendAsync(request);
        }
    }
}
