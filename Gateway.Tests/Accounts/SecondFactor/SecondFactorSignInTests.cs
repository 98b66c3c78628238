using System.Net;
using System.Net.Http.Json;

using Gateway.Administration;
using Gateway.Audit;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.SecondFactor;

/// <summary>Setting up TOTP through the JSON API, and signing in with the second step.</summary>
public sealed class SecondFactorSignInTests(SecondFactorFixture fixture) : IClassFixture<SecondFactorFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task Setup_BeforeConfirm_ActivatesNothing()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        var (secret, uri) = await SecondFactorFixture.SetUpAsync(client, token);

        Assert.Equal(20, secret.Length);
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains("algorithm=SHA1&digits=6&period=30", uri, StringComparison.Ordinal);
        var again = await TestUsers.LoginAsync(client, user.Username);
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(again));
        using var me = await client.SendAsync(Requests.Get("/auth/me").WithBearer(again));
        Assert.False((await me.JsonAsync()).GetProperty("secondFactor").GetBoolean());
    }

    [Fact]
    public async Task Confirm_WithCode_ReturnsTenRecoveryCodesAndAnOtpToken()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var me = await client.SendAsync(Requests.Get("/auth/me").WithBearer(enrolled.Token));

        Assert.Equal(10, enrolled.RecoveryCodes.Distinct().Count());
        Assert.Equal(["pwd", "otp"], SecondFactorFixture.Amr(enrolled.Token));
        Assert.True((await me.JsonAsync()).GetProperty("secondFactor").GetBoolean());
        Assert.Contains(await fixture.AuditAsync(), e => e.Event == AuditEvents.SecondFactorEnrolled && e.Target == enrolled.User.Id);
    }

    [Fact]
    public async Task Confirm_WrongCode_Returns400AndStaysOff()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, token);

        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm",
            JsonBodies.Json(new { code = fixture.WrongCode(secret), password = TestUsers.Password })).WithBearer(token));

        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Equal("invalid_code", await confirm.ErrorCodeAsync());
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(await TestUsers.LoginAsync(client, user.Username)));
    }

    [Fact]
    public async Task Confirm_EndsTheOtherSessions()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var other = await TestUsers.LoginAsync(client, user.Username);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var token = await TestUsers.LoginAsync(client, user.Username);
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, token);

        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm",
            JsonBodies.Json(new { code = fixture.CodeNow(secret), password = TestUsers.Password })).WithBearer(token));
        using var me = await client.SendAsync(Requests.Get("/auth/me").WithBearer(other));

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Login_EnrolledWithPasswordOnly_ReturnsAChallengeAndNoToken()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        var challenge = await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username);

        Assert.False(string.IsNullOrEmpty(challenge));
    }

    [Fact]
    public async Task Login_EnrolledWithWrongPassword_GetsTheGeneric401()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = enrolled.User.Username, password = "wrong password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("invalid_credentials", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("challenge", out _));
    }

    [Fact]
    public async Task SecondStep_WithCode_IssuesAnOtpTokenAndTheCookie()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();
        var challenge = await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username);

        using var response = await SecondFactorFixture.SecondStepAsync(client, challenge, code: fixture.CodeNow(enrolled.Secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.JsonAsync()).GetProperty("token").GetString()!;
        Assert.Equal(["pwd", "otp"], SecondFactorFixture.Amr(token));
        Assert.NotNull(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task SecondStep_WithRecoveryCode_WorksOnceAndTheCountGoesDown()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();
        var recovery = enrolled.RecoveryCodes[3];

        using var first = await SecondFactorFixture.SecondStepAsync(client,
            await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username), recoveryCode: recovery.ToLowerInvariant());
        using var second = await SecondFactorFixture.SecondStepAsync(client,
            await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username), recoveryCode: recovery);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var token = (await first.JsonAsync()).GetProperty("token").GetString()!;
        Assert.Equal(["pwd", "otp"], SecondFactorFixture.Amr(token));
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal("invalid_code", await second.ErrorCodeAsync());
        using var account = await client.SendAsync(Requests.Get("/auth/account").AsBrowser().WithBearer(token));
        Assert.Contains("9 recovery codes left", await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondStep_CodeReplayedInTheSameWindow_IsRefused()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();
        var code = fixture.CodeNow(enrolled.Secret);
        using var first = await SecondFactorFixture.SecondStepAsync(client,
            await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username), code: code);

        fixture.Clock.Advance(TimeSpan.FromSeconds(10));
        using var replay = await SecondFactorFixture.SecondStepAsync(client,
            await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username), code: code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("invalid_code", await replay.ErrorCodeAsync());
    }

    [Fact]
    public async Task SecondStep_FiveWrongCodes_LockTheSecondStepForTheWindow()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();
        var challenge = await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SecondFactorFixture.SecondStepAsync(client, challenge, code: fixture.WrongCode(enrolled.Secret));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await SecondFactorFixture.SecondStepAsync(client, challenge, code: fixture.CodeNow(enrolled.Secret));

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("too_many_attempts", await locked.ErrorCodeAsync());
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "No Retry-After.");
        Assert.Contains(await fixture.AuditAsync(), e => e.Event == AuditEvents.SecondFactorFailed && e.Target == enrolled.User.Id);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        using var after = await SecondFactorFixture.SecondStepAsync(client,
            await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username), code: fixture.CodeNow(enrolled.Secret));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task SecondStep_ChallengeUsedTwice_IsRefused()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();
        var challenge = await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username);
        using var first = await SecondFactorFixture.SecondStepAsync(client, challenge, code: fixture.CodeNow(enrolled.Secret));

        fixture.NextStep();
        using var reused = await SecondFactorFixture.SecondStepAsync(client, challenge, code: fixture.CodeNow(enrolled.Secret));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal("invalid_challenge", await reused.ErrorCodeAsync());
    }

    [Fact]
    public async Task SecondStep_ChallengeOlderThanFiveMinutes_IsRefused()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();
        var challenge = await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username);

        fixture.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var expired = await SecondFactorFixture.SecondStepAsync(client, challenge, code: fixture.CodeNow(enrolled.Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("invalid_challenge", await expired.ErrorCodeAsync());
    }

    [Fact]
    public async Task SecondStep_PasswordChangedSinceTheChallenge_IsRefused()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();
        var challenge = await SecondFactorFixture.ChallengeAsync(client, enrolled.User.Username);
        var admin = Gateway.Services.GetRequiredService<UserAdministration>();
        await admin.SetPasswordAsync(AdminActor.CommandLine, enrolled.User.Id, "another long password", CancellationToken.None);

        using var response = await SecondFactorFixture.SecondStepAsync(client, challenge, code: fixture.CodeNow(enrolled.Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_challenge", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task SecondStep_ForgedChallenge_IsRefused()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var response = await SecondFactorFixture.SecondStepAsync(client, "not-a-challenge", code: "123456");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_challenge", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Refresh_OfAnOtpSession_KeepsAmr()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var refreshed = await client.SendAsync(Requests.Post("/auth/refresh").WithBearer(enrolled.Token).AsApi());

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(["pwd", "otp"], SecondFactorFixture.Amr((await refreshed.JsonAsync()).GetProperty("token").GetString()!));
    }

    [Fact]
    public async Task Disable_WithPasswordAndCode_Returns204AndThePasswordAloneSignsIn()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var wrongPassword = await client.SendAsync(Requests.Post("/auth/2fa/totp/disable",
            JsonBodies.Json(new { password = "wrong password", code = fixture.CodeNow(enrolled.Secret) })).WithBearer(enrolled.Token));
        using var disabled = await client.SendAsync(Requests.Post("/auth/2fa/totp/disable",
            JsonBodies.Json(new { password = TestUsers.Password, code = fixture.CodeNow(enrolled.Secret) })).WithBearer(enrolled.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(await TestUsers.LoginAsync(client, enrolled.User.Username)));
        Assert.Contains(await fixture.AuditAsync(), e => e.Event == AuditEvents.SecondFactorDisabled && e.Target == enrolled.User.Id);
    }

    [Fact]
    public async Task Setup_WithTheCookieAndJson_IsRefusedAsCrossSite()
    {
        var cookies = new CookieContainer();
        using var client = Gateway.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(client);
        await TestUsers.LoginAsync(client, user.Username);

        using var response = await client.PostAsJsonAsync("/auth/2fa/totp/setup", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await response.ErrorCodeAsync());
    }
}
