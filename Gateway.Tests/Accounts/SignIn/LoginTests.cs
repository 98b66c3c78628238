using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Accounts.SignIn;

public sealed class LoginTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task LoginForm_ValidCredentials_Redirects303ToReturnUrlWithSessionCookie()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        using var response = await Forms.PostAsync(client, "/auth/login?returnUrl=%2Fhello%3Fx%3D1", "/auth/login",
            ("username", user.Username), ("password", TestUsers.Password), ("returnUrl", "/hello?x=1"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/hello?x=1", response.Headers.Location?.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var cookie = SetCookies.Find(response, "gateway_token");
        Assert.NotNull(cookie);
        var attributes = SetCookies.Attributes(cookie);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        // A browser-session cookie: closing the browser ends a session that is not remembered.
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal) || a.StartsWith("max-age=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", attributes);
    }

    [Fact]
    public async Task LoginForm_CookieFromLogin_IsAcceptedOnProtectedRoute()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();
        using var login = await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", user.Username), ("password", TestUsers.Password));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);

        var echoed = await EchoedRequest.ReadAsync(await client.GetAsync("/api/whoami"));

        Assert.Equal(user.Id, echoed.Header("X-User-Id"));
    }

    [Fact]
    public async Task LoginJson_ValidCredentials_Returns200WithTokenAndExpiry()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.NotNull(SetCookies.Find(response, "gateway_token"));
        var body = await response.JsonAsync();
        var token = new JsonWebToken(body.GetProperty("token").GetString());
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();

        Assert.Equal("HS256", token.Alg);
        Assert.Equal(user.Id, token.Subject);
        Assert.Equal(user.DisplayName, token.GetClaim("name").Value);
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(GatewayServer.Issuer, token.Issuer);
        Assert.Equal([GatewayServer.Audience], token.Audiences);
        Assert.Equal(expiresAt.UtcDateTime, token.ValidTo);
        Assert.Equal(TimeSpan.FromHours(1), token.ValidTo - token.IssuedAt);
        Assert.Equal(token.IssuedAt, token.ValidFrom);
    }

    [Fact]
    public async Task LoginJson_WrongPassword_Returns401InvalidCredentialsWithoutCookie()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = "wrong password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await response.ErrorCodeAsync());
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task LoginJson_UnknownUser_AnswersExactlyAsWrongPassword()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        using var wrongPassword = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = "wrong password" });
        using var unknownUser = await client.PostAsJsonAsync("/auth/login", new { username = TestUsers.UniqueName("ghost"), password = "wrong password" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownUser.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LoginJson_UsernameInOtherCase_SignsInSameUser()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        var token = await TestUsers.LoginAsync(client, user.Username.ToUpperInvariant());

        Assert.Equal(user.Id, new JsonWebToken(token).Subject);
    }

    [Fact]
    public async Task LoginForm_WrongPassword_Returns401PageWithGenericMessage()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        using var response = await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", user.Username), ("password", "wrong password"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Incorrect username or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task LoginForm_WithoutAntiforgeryToken_Returns400WithoutCookie()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        using var response = await Forms.PostWithTokenAsync(client, "/auth/login", token: null,
            ("username", user.Username), ("password", TestUsers.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task LoginForm_TokenFromAnotherBrowser_Returns400WithoutCookie()
    {
        // Login CSRF: a token scraped by an attacker's browser is useless without that browser's antiforgery cookie.
        var user = await fixture.SharedUserAsync();
        using var attacker = Gateway.CreateClient();
        var token = await Forms.AntiforgeryTokenAsync(attacker, "/auth/login");
        using var victim = Gateway.CreateClient();

        using var response = await Forms.PostWithTokenAsync(victim, "/auth/login", token,
            ("username", user.Username), ("password", TestUsers.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task LoginJson_MissingPassword_Returns400()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = "someone" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await response.ErrorCodeAsync());
    }
}
