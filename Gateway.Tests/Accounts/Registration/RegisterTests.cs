using System.Net;
using System.Net.Http.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Registration;

public sealed class RegisterTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task Register_JsonValid_Returns201WithIdAndSignsIn()
    {
        var cookies = new CookieContainer();
        using var client = Gateway.CreateClient(cookies);
        var username = TestUsers.UniqueName("json");

        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetString();
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(username, body.GetProperty("username").GetString());
        Assert.Equal(username, body.GetProperty("displayName").GetString());
        Assert.Equal("/auth/me", response.Headers.Location?.OriginalString);

        // Signed in: the cookie it set is a session the gateway accepts.
        TestUsers.TokenCookie(cookies, Gateway.Address);
        var me = await (await client.GetAsync("/auth/me")).JsonAsync();
        Assert.Equal(id, me.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Register_FormWithAntiforgery_Redirects303ToReturnUrlSignedIn()
    {
        var cookies = new CookieContainer();
        using var client = Gateway.CreateClient(cookies);
        var username = TestUsers.UniqueName("form");

        using var response = await Forms.PostAsync(client, "/auth/register?returnUrl=%2Fhello", "/auth/register",
            ("username", username), ("displayName", "Form User"), ("password", TestUsers.Password),
            ("confirmPassword", TestUsers.Password), ("returnUrl", "/hello"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/hello", response.Headers.Location?.OriginalString);
        var echoed = await EchoedRequest.ReadAsync(await client.GetAsync("/api/whoami"));
        var me = await (await client.GetAsync("/auth/me")).JsonAsync();
        Assert.Equal(me.GetProperty("id").GetString(), echoed.Header("X-User-Id"));
        Assert.Equal("Form User", echoed.Header("X-User-Name"));
        Assert.Equal(1, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }

    [Fact]
    public async Task Register_FormWithoutAntiforgeryToken_Returns400AndWritesNoUser()
    {
        using var client = Gateway.CreateClient();
        var username = TestUsers.UniqueName("csrf");

        using var response = await Forms.PostWithTokenAsync(client, "/auth/register", token: null,
            ("username", username), ("password", TestUsers.Password), ("confirmPassword", TestUsers.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        Assert.Equal(0, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }

    [Fact]
    public async Task Register_UsernameTakenInOtherCase_Returns409()
    {
        using var client = Gateway.CreateClient();
        var username = TestUsers.UniqueName("Case");
        await TestUsers.RegisterAsync(client, username);

        using var response = await client.PostAsJsonAsync("/auth/register",
            new { username = username.ToUpperInvariant(), password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("username_taken", body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("fields").GetProperty("username").GetString()));
        Assert.Equal(1, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }

    [Fact]
    public async Task Register_UsernameTakenOnForm_Returns409WithMessage()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();

        using var response = await Forms.PostAsync(client, "/auth/register", "/auth/register",
            ("username", user.Username), ("password", TestUsers.Password), ("confirmPassword", TestUsers.Password));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("That username is taken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_JsonInvalidInput_Returns400WithMessagePerFieldAndWritesNoUser()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/register",
            new { username = "x!", password = "short", displayName = "bad\u0007name" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("invalid_input", body.GetProperty("error").GetString());
        var fields = body.GetProperty("fields");
        Assert.False(string.IsNullOrEmpty(fields.GetProperty("username").GetString()));
        Assert.False(string.IsNullOrEmpty(fields.GetProperty("password").GetString()));
        Assert.False(string.IsNullOrEmpty(fields.GetProperty("displayName").GetString()));
        Assert.Equal(0, UserDatabase.CountByUsername(Gateway.DataPath, "x!"));
    }

    [Fact]
    public async Task Register_DisplayNameWithRightToLeftOverride_Returns400ForThatFieldAndWritesNoUser()
    {
        using var client = Gateway.CreateClient();
        var username = TestUsers.UniqueName("bidi");

        // Shows as "admin" wherever it is displayed.
        using var response = await client.PostAsJsonAsync("/auth/register",
            new { username, password = TestUsers.Password, displayName = "\u202Enimda" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.JsonAsync()).GetProperty("fields");
        Assert.Equal(["displayName"], fields.EnumerateObject().Select(f => f.Name));
        Assert.Contains("U+202E", fields.GetProperty("displayName").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("        ")]
    public async Task Register_CommonOrRepeatedPassword_Returns400ForPasswordAndWritesNoUser(string password)
    {
        using var client = Gateway.CreateClient();
        var username = TestUsers.UniqueName("common");

        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.JsonAsync()).GetProperty("fields");
        Assert.Equal(["password"], fields.EnumerateObject().Select(f => f.Name));
        Assert.Equal(0, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }

    [Fact]
    public async Task Register_PasswordIsTheUsername_Returns400ForPassword()
    {
        using var client = Gateway.CreateClient();
        var username = TestUsers.UniqueName("self");

        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = username.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("fields").GetProperty("password").GetString();
        Assert.Contains("your username", message, StringComparison.Ordinal);
        Assert.Equal(0, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }

    [Fact]
    public async Task Register_JsonShortPassword_Returns400OnlyForPasswordAndWritesNoUser()
    {
        using var client = Gateway.CreateClient();
        var username = TestUsers.UniqueName("short");

        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = "1234567" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.JsonAsync()).GetProperty("fields");
        Assert.Equal(["password"], fields.EnumerateObject().Select(f => f.Name));
        Assert.Equal(0, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }

    [Fact]
    public async Task Register_FormInvalidInput_Returns400PageWithFieldMessagesAndWritesNoUser()
    {
        using var client = Gateway.CreateClient();
        var username = TestUsers.UniqueName("mismatch");

        using var response = await Forms.PostAsync(client, "/auth/register", "/auth/register",
            ("username", username), ("password", "short"), ("confirmPassword", "different"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Passwords need at least 8 characters.", html, StringComparison.Ordinal);
        Assert.Contains("The two passwords do not match.", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{username}\"", html, StringComparison.Ordinal);
        Assert.Equal(0, UserDatabase.CountByUsername(Gateway.DataPath, username));
    }
}
