using System.Net;
using System.Net.Http.Json;

using Gateway.Accounts.SecondFactor;
using Gateway.Tests.Accounts.SecondFactor;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration;

/// <summary>
/// An admin changing their own credentials through the admin API or page proves it is them, as the account pages ask:
/// the current password, and a code when two-step sign-in is on. A stolen admin session alone must not set a password
/// the thief knows, nor take the second factor away. Actions on other users ask nothing more.
/// </summary>
public sealed class OwnAccountReauthenticationTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    private const string Api = "/auth/admin/api";
    private const string NewPassword = "a brand new password";

    [Fact]
    public async Task ApiSetOwnPassword_WithoutCurrentPassword_Is400NamingItAndChangesNothing()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");

        using var response = await SendAsync(HttpMethod.Put, $"/users/{admin.Id}/password", token, new { password = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("fields").TryGetProperty("currentPassword", out _), body.ToString());
        await AssertPasswordAsync(admin.Username, TestUsers.Password);
    }

    [Fact]
    public async Task ApiSetOwnPassword_WrongCurrentPassword_Is401AndChangesNothing()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");

        using var response = await SendAsync(HttpMethod.Put, $"/users/{admin.Id}/password", token,
            new { password = NewPassword, currentPassword = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await response.ErrorCodeAsync());
        await AssertPasswordAsync(admin.Username, TestUsers.Password);
    }

    [Fact]
    public async Task ApiSetOwnPassword_WithCurrentPassword_Is204AndTheNewOneSignsIn()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");

        using var response = await SendAsync(HttpMethod.Put, $"/users/{admin.Id}/password", token,
            new { password = NewPassword, currentPassword = TestUsers.Password });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertPasswordAsync(admin.Username, NewPassword);
    }

    [Fact]
    public async Task ApiSetAnotherUsersPassword_NeedsNoCurrentPassword()
    {
        var (_, token) = await fixture.SignedInAsync("admin");
        var user = await fixture.CreateAsync();

        using var response = await SendAsync(HttpMethod.Put, $"/users/{user.Id}/password", token, new { password = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task ApiResetOwnSecondFactor_WithoutPasswordAndCode_IsRefusedAndStaysEnrolled()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");
        var (secret, enrolledToken) = await EnrolAsync(token);

        using (var bare = await SendAsync(HttpMethod.Post, $"/users/{admin.Id}/second-factor/reset", enrolledToken, body: null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        }

        using (var passwordOnly = await SendAsync(HttpMethod.Post, $"/users/{admin.Id}/second-factor/reset", enrolledToken,
            new { currentPassword = TestUsers.Password }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, passwordOnly.StatusCode);
            Assert.True((await passwordOnly.JsonAsync()).GetProperty("fields").TryGetProperty("code", out _));
        }

        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        await SecondFactorFixture.ChallengeAsync(client, admin.Username);
        Assert.NotNull(secret);
    }

    [Fact]
    public async Task ApiResetOwnSecondFactor_WithPasswordAndCode_RemovesIt()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");
        var (secret, enrolledToken) = await EnrolAsync(token);

        // The step of enrolment is used up; the next one's code is accepted already.
        using var response = await SendAsync(HttpMethod.Post, $"/users/{admin.Id}/second-factor/reset", enrolledToken,
            new { currentPassword = TestUsers.Password, code = Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(await TestUsers.LoginAsync(client, admin.Username)));
    }

    [Fact]
    public async Task PageSetOwnPassword_WithoutCurrentPassword_ShowsTheFormAgainAndChangesNothing()
    {
        var (admin, browser) = await SignedInBrowserAsync();

        using var response = await Forms.PostAsync(browser, "/auth/admin", $"/auth/admin/users/{admin.Id}/password",
            ("password", NewPassword), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("current password", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await AssertPasswordAsync(admin.Username, TestUsers.Password);
    }

    [Fact]
    public async Task PageSetOwnPassword_WithCurrentPassword_ChangesItAndStaysSignedIn()
    {
        var (admin, browser) = await SignedInBrowserAsync();

        using var response = await Forms.PostAsync(browser, "/auth/admin", $"/auth/admin/users/{admin.Id}/password",
            ("password", NewPassword), ("currentPassword", TestUsers.Password), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        await AssertPasswordAsync(admin.Username, NewPassword);
        using var page = await browser.SendAsync(Requests.Get("/auth/admin").AsBrowser());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Page_OwnRowAsksForTheCurrentPassword_OthersDoNot()
    {
        var (admin, browser) = await SignedInBrowserAsync();
        var other = await fixture.CreateAsync();

        var own = await PageTextAsync(browser, admin.Username);
        var theirs = await PageTextAsync(browser, other.Username);

        Assert.Contains("name=\"currentPassword\"", own, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"currentPassword\"", theirs, StringComparison.Ordinal);
    }

    private async Task<(Gateway.Storage.User Admin, HttpClient Browser)> SignedInBrowserAsync()
    {
        var admin = await fixture.CreateAsync("admin");
        var browser = fixture.Gateway.CreateClient();
        using var login = await browser.PostAsJsonAsync("/auth/login", new { username = admin.Username, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (admin, browser);
    }

    private static async Task<string> PageTextAsync(HttpClient browser, string username)
    {
        using var page = await browser.SendAsync(Requests.Get($"/auth/admin?query={username}").AsBrowser());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    /// <returns>The secret, and the token confirming returned (the earlier one ended with the other sessions).</returns>
    private async Task<(byte[] Secret, string Token)> EnrolAsync(string token)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, token);
        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm", JsonBodies.Json(new
        {
            code = Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow)),
            password = TestUsers.Password,
        })).WithBearer(token));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        return (secret, (await confirm.JsonAsync()).GetProperty("token").GetString()!);
    }

    private async Task AssertPasswordAsync(string username, string password)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        await TestUsers.LoginAsync(client, username, password);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        using var request = new HttpRequestMessage(method, Api + path)
        {
            Content = body is null ? null : JsonContent.Create(body),
        }.AsApi().WithBearer(token);
        return await client.SendAsync(request);
    }
}
