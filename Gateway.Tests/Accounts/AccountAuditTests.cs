using System.Net;
using System.Net.Http.Json;

using Gateway.Administration;
using Gateway.Audit;
using Gateway.Tests.Administration;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.Accounts;

/// <summary>
/// The account endpoints record audit events (register, login, logout, logout everywhere, password change) in the store
/// and the Gateway.Audit log, never with a password; a login records the last sign-in; a disabled account cannot sign in.
/// </summary>
public sealed class AccountAuditTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task RegisterLoginLogout_AreAuditedWithTheUserAndAddress()
    {
        using var client = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        using var logout = await Api.LogoutAsync(Gateway, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        var events = (await fixture.AuditAsync()).Where(e => e.Target == user.Id).ToList();
        var registered = Assert.Single(events, e => e.Event == AuditEvents.UserRegistered);
        Assert.Equal(user.Id, registered.Actor);
        Assert.Equal("127.0.0.1", registered.Address);
        Assert.Equal(user.Username, registered.Detail);
        Assert.Single(events, e => e.Event == AuditEvents.LoginSucceeded && e.Actor == user.Id);
        Assert.Single(events, e => e.Event == AuditEvents.Logout && e.Actor == user.Id);
    }

    [Fact]
    public async Task LogoutEverywhereAndPasswordChange_AreAudited()
    {
        var (user, token) = await fixture.SignedInAsync();
        using var changed = await Api.ChangePasswordAsync(Gateway, token, TestUsers.Password, "another good password");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var logout = await Api.LogoutAsync(Gateway, await Api.TokenFromAsync(changed), "?everywhere=true");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        var events = (await fixture.AuditAsync()).Where(e => e.Target == user.Id && e.Actor == user.Id).ToList();
        Assert.Single(events, e => e.Event == AuditEvents.PasswordChanged);
        Assert.Single(events, e => e.Event == AuditEvents.LogoutEverywhere);
        Assert.DoesNotContain("another good password", fixture.Log.TextSince(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginFailed_ValidUsername_IsAuditedWithItButNeverWithThePassword()
    {
        var (user, _) = await fixture.SignedInAsync();
        const string wrong = "wrong-password-never-logged";
        var mark = fixture.Log.Count;

        using var response = await LoginAsync(user.Username, wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await response.ErrorCodeAsync());
        var failed = (await fixture.AuditAsync()).First(e => e.Event == AuditEvents.LoginFailed && e.Detail == user.Username);
        Assert.Null(failed.Actor);
        Assert.Contains(fixture.Log.Since(mark), e => e.Properties.TryGetValue("SourceContext", out var source)
            && source.ToString() == "\"Gateway.Audit\"" && GatewayLog.Message(e).Contains(AuditEvents.LoginFailed, StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, fixture.Log.TextSince(0), StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.AuditAsync(), e => e.Detail?.Contains(wrong, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task LoginFailed_UsernameThatBreaksTheRules_IsAuditedAsInvalidUsername()
    {
        // A password typed into the username field must not land in the audit trail.
        const string typedPassword = "my secret pass!";

        using var response = await LoginAsync(typedPassword, "whatever-it-is");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var events = await fixture.AuditAsync();
        Assert.Contains(events, e => e.Event == AuditEvents.LoginFailed && e.Detail == "invalid username");
        Assert.DoesNotContain(events, e => e.Detail?.Contains(typedPassword, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Login_Succeeded_RecordsTheLastSignIn()
    {
        var (user, _) = await fixture.SignedInAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var client = Gateway.CreateClient();
        await TestUsers.LoginAsync(client, user.Username);

        var lastLogin = (await fixture.FindAsync(user.Id)).LastLoginAt;
        Assert.NotNull(lastLogin);
        Assert.True(lastLogin >= before, $"last login {lastLogin:O} is before the login at {before:O}");
    }

    [Fact]
    public async Task Login_DisabledUserRightPassword_Gets403AccountDisabled()
    {
        var user = await DisabledUserAsync();

        using var response = await LoginAsync(user.Username, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("account_disabled", body.GetProperty("error").GetString());
        Assert.Contains("disabled", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("gateway_token=eyJ", StringComparison.Ordinal));
        Assert.Null((await fixture.FindAsync(user.Id)).LastLoginAt);
    }

    [Fact]
    public async Task Login_DisabledUserWrongPassword_GetsTheUsualGeneric401()
    {
        var user = await DisabledUserAsync();

        using var response = await LoginAsync(user.Username, "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task LoginForm_DisabledUserRightPassword_ShowsTheLoginPageWithTheMessage()
    {
        var user = await DisabledUserAsync();
        using var client = Gateway.CreateClient();

        using var response = await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", user.Username), ("password", TestUsers.Password));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This account is disabled", page, StringComparison.Ordinal);
        Assert.Contains("name=\"password\"", page, StringComparison.Ordinal);
    }

    private async Task<Gateway.Storage.User> DisabledUserAsync()
    {
        var user = await fixture.CreateAsync();
        Assert.IsType<AdminResult.Done>(
            await fixture.Administration.SetDisabledAsync(AdminActor.CommandLine, user.Id, true, CancellationToken.None));
        return user;
    }

    private async Task<HttpResponseMessage> LoginAsync(string username, string password)
    {
        using var client = Gateway.CreateClient();
        return await client.PostAsJsonAsync("/auth/login", new { username, password });
    }
}
