using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.Accounts.Passwords;

/// <summary>POST /auth/password and the account page's "Sign out everywhere", as a script and as a browser form.</summary>
public sealed partial class PasswordAndAccountTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string NewPassword = "another long passphrase";

    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task PasswordChange_WrongCurrentPassword_Returns401AndKeepsTheToken()
    {
        var (_, token) = await Api.SignUpAsync(Gateway);

        using var response = await Api.ChangePasswordAsync(Gateway, token, "not my password", NewPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_credentials", body.GetProperty("error").GetString());
        Assert.Equal("Your current password is incorrect.", body.GetProperty("fields").GetProperty("currentPassword").GetString());
        Assert.True(await Api.IsAcceptedAsync(Gateway, token));
    }

    [Theory]
    [InlineData("short", "newPassword")]
    [InlineData(TestUsers.Password, "newPassword")]
    [InlineData("iloveyou", "newPassword")]
    [InlineData("zzzzzzzzzz", "newPassword")]
    [InlineData("{username}", "newPassword")]
    public async Task PasswordChange_UnacceptableNewPassword_Returns400NamingTheField(string newPassword, string field)
    {
        var (user, token) = await Api.SignUpAsync(Gateway);

        using var response = await Api.ChangePasswordAsync(Gateway, token, TestUsers.Password,
            newPassword.Replace("{username}", user.Username, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_input", body.GetProperty("error").GetString());
        Assert.True(body.GetProperty("fields").TryGetProperty(field, out _), $"the answer names {field}");
        Assert.True(await Api.IsAcceptedAsync(Gateway, token));
    }

    [Fact]
    public async Task PasswordChange_WithoutToken_Returns401()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/password",
            new { currentPassword = TestUsers.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PasswordChange_CookieSessionWithJson_Returns400()
    {
        using var client = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        await TestUsers.LoginAsync(client, user.Username);

        using var response = await client.PostAsJsonAsync("/auth/password",
            new { currentPassword = TestUsers.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await TestUsers.LoginAsync(client, user.Username);
    }

    [Fact]
    public async Task PasswordForm_WithAntiforgery_RedirectsToAccountWithAFreshCookie()
    {
        using var browser = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(browser);
        var old = await TestUsers.LoginAsync(browser, user.Username);
        var csrf = CsrfToken(await PageAsync(browser, "/auth/password"), "/auth/password");

        using var response = await browser.SendAsync(Requests.Post("/auth/password", Form(csrf,
            ("currentPassword", TestUsers.Password), ("newPassword", NewPassword), ("confirmPassword", NewPassword))).AsBrowser());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/auth/account?notice=password_changed", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("gateway_token=", StringComparison.Ordinal));
        Assert.Contains("Your password was changed", await PageAsync(browser, "/auth/account?notice=password_changed"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(Gateway, old));
    }

    [Fact]
    public async Task PasswordForm_WithoutAntiforgery_Returns400AndKeepsThePassword()
    {
        using var browser = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(browser);
        await TestUsers.LoginAsync(browser, user.Username);

        using var response = await browser.PostAsync("/auth/password", Form(csrf: null,
            ("currentPassword", TestUsers.Password), ("newPassword", NewPassword), ("confirmPassword", NewPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await TestUsers.LoginAsync(browser, user.Username);
    }

    [Fact]
    public async Task PasswordPage_SignedOut_RedirectsToLogin()
    {
        using var browser = Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/password");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/auth/login?returnUrl=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_SignOutEverywhereForm_EndsEveryTokenOfTheUser()
    {
        using var browser = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(browser);
        await TestUsers.LoginAsync(browser, user.Username);
        using var phone = Gateway.CreateClient();
        var elsewhere = await TestUsers.LoginAsync(phone, user.Username);
        var account = await PageAsync(browser, "/auth/account");
        Assert.Contains("/auth/password", account, StringComparison.Ordinal);

        using var response = await browser.SendAsync(
            Requests.Post("/auth/logout?everywhere=true", Form(CsrfToken(account, "/auth/logout?everywhere=true"))).AsBrowser());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/auth/login?reason=logged_out_everywhere", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(Gateway, elsewhere));
    }

    [Theory]
    [InlineData("?everywhere=maybe")]
    [InlineData("?everywhere=true&everywhere=false")]
    public async Task Logout_EverywhereNotABoolean_Returns400AndKeepsTheToken(string query)
    {
        var (_, token) = await Api.SignUpAsync(Gateway);

        using var response = await Api.LogoutAsync(Gateway, token, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await Api.IsAcceptedAsync(Gateway, token));
    }

    [Fact]
    public async Task Logout_EverywhereWithoutToken_Returns401()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.PostAsync("/auth/logout?everywhere=true", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The antiforgery token of the form that posts to <paramref name="action"/>.</summary>
    private static string CsrfToken(string html, string action)
    {
        var form = Regex.Match(html, $"<form method=\"post\" action=\"{Regex.Escape(action)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"the page has a form posting to {action}");
        return CsrfField().Match(form.Groups[1].Value).Groups[1].Value;
    }

    private static FormUrlEncodedContent Form(string? csrf, params (string Name, string Value)[] fields)
    {
        var pairs = fields.Select(field => KeyValuePair.Create(field.Name, field.Value)).ToList();
        if (csrf is not null)
        {
            pairs.Add(KeyValuePair.Create("__csrf", csrf));
        }

        return new FormUrlEncodedContent(pairs);
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
