using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.SecondFactor;

/// <summary>
/// Turning two-step sign-in on asks for the password again, as turning it off does: a stolen session alone must not
/// enrol the thief's authenticator, which would end the owner's sessions and lock them out of their account.
/// </summary>
public sealed class TotpEnrolmentPasswordTests(SecondFactorFixture fixture) : IClassFixture<SecondFactorFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task Confirm_StolenBearerTokenWithoutPassword_Is401AndEnrolsNothing()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var owners = await TestUsers.LoginAsync(client, user.Username);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var stolen = await TestUsers.LoginAsync(client, user.Username);
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, stolen);

        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm",
            JsonBodies.Json(new { code = fixture.CodeNow(secret) })).WithBearer(stolen).AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, confirm.StatusCode);
        var body = await confirm.JsonAsync();
        Assert.Equal("invalid_credentials", body.GetProperty("error").GetString());
        Assert.Contains("password", body.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(await TestUsers.LoginAsync(client, user.Username)));
        using var me = await client.SendAsync(Requests.Get("/auth/me").WithBearer(owners));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Confirm_WrongPassword_Is401AndEnrolsNothing()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, token);

        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm",
            JsonBodies.Json(new { code = fixture.CodeNow(secret), password = "not the password" })).WithBearer(token).AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, confirm.StatusCode);
        Assert.Equal("invalid_credentials", await confirm.ErrorCodeAsync());
        Assert.Equal(["pwd"], SecondFactorFixture.Amr(await TestUsers.LoginAsync(client, user.Username)));
    }

    [Fact]
    public async Task Confirm_WithPassword_Enrols()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, token);

        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm",
            JsonBodies.Json(new { code = fixture.CodeNow(secret), password = TestUsers.Password })).WithBearer(token).AsApi());

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        await SecondFactorFixture.ChallengeAsync(client, user.Username);
    }

    [Fact]
    public async Task SetupPage_AsksForThePasswordBesideTheCode()
    {
        var cookies = new CookieContainer();
        using var browser = Gateway.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(browser);
        using var setup = await Forms.PostAsync(browser, "/auth/2fa/totp", "/auth/2fa/totp/setup");
        Assert.Equal(HttpStatusCode.SeeOther, setup.StatusCode);

        using var page = await browser.SendAsync(Requests.Get("/auth/2fa/totp").AsBrowser());

        var html = await page.Content.ReadAsStringAsync();
        var confirmForm = html[html.IndexOf("/auth/2fa/totp/confirm", StringComparison.Ordinal)..];
        Assert.Contains("name=\"password\"", confirmForm, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"current-password\"", confirmForm, StringComparison.Ordinal);
        Assert.NotNull(user);
    }
}
