using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.SecondFactor;

/// <summary>A route whose policy has RequireSecondFactor.</summary>
public sealed class SecondFactorPolicyTests(SecondFactorFixture fixture) : IClassFixture<SecondFactorFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task PolicyRoute_UserWithoutSecondFactor_Gets403SecondFactorRequired()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        using var api = await client.SendAsync(Requests.Get("/secure/page").AsApi().WithBearer(token));
        using var page = await client.SendAsync(Requests.Get("/secure/page").AsBrowser().WithBearer(token));

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("second_factor_required", await api.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("href=\"/auth/2fa/totp?returnUrl=%2Fsecure%2Fpage\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyRoute_SignedInWithCode_IsForwarded()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/secure/page").AsApi().WithBearer(enrolled.Token));

        Assert.Equal("/secure/page", (await EchoedRequest.ReadAsync(response)).Path);
    }

    [Fact]
    public async Task PolicyRoute_EnrolledButSignedInWithoutCode_IsSentToSignInAgain()
    {
        var enrolled = await fixture.EnrolAsync();
        var token = PasswordOnlyToken(enrolled.User.Id);
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var api = await client.SendAsync(Requests.Get("/secure/page").AsApi().WithBearer(token));
        using var page = await client.SendAsync(Requests.Get("/secure/page").AsBrowser().WithBearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("insufficient_user_authentication", await api.ErrorCodeAsync());
        Assert.Contains("insufficient_user_authentication", api.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.Equal("/auth/login?returnUrl=%2Fsecure%2Fpage&reason=second_factor", page.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DefaultRoute_UserWithoutSecondFactor_IsForwarded()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        using var response = await client.SendAsync(Requests.Get("/app/page").AsApi().WithBearer(token));

        Assert.Equal("/app/page", (await EchoedRequest.ReadAsync(response)).Path);
    }

    /// <summary>A token as the gateway issued before the user enrolled: amr pwd, signed in after the cut-off of enrolling.</summary>
    private string PasswordOnlyToken(string userId)
    {
        var descriptor = TestTokens.Descriptor(userId);
        var now = fixture.Clock.Now.UtcDateTime.AddSeconds(1);
        descriptor.IssuedAt = now;
        descriptor.NotBefore = now;
        descriptor.Expires = now.AddMinutes(10);
        descriptor.Claims["amr"] = new[] { "pwd" };
        return TestTokens.Sign(descriptor);
    }
}

/// <summary>Gateway:SecondFactor:RequiredForAll: enrolment before any protected route.</summary>
public sealed class RequiredForAllTests(RequiredForAllFixture fixture) : IClassFixture<RequiredForAllFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task FormSignIn_UserWithoutSecondFactor_IsSentToEnrol()
    {
        var cookies = new CookieContainer();
        using var client = Gateway.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(Gateway.CreateClientWithoutCookieJar(), null);

        using var response = await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", user.Username), ("password", TestUsers.Password), ("returnUrl", "/app/page"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/auth/2fa/totp?returnUrl=%2Fapp%2Fpage", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ProtectedRoute_UserWithoutSecondFactor_GoesToEnrolmentOr403()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        using var page = await client.SendAsync(Requests.Get("/app/page").AsBrowser().WithBearer(token));
        using var api = await client.SendAsync(Requests.Get("/app/page").AsApi().WithBearer(token));
        using var account = await client.SendAsync(Requests.Get("/auth/2fa/totp").AsBrowser().WithBearer(token));

        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.Equal("/auth/2fa/totp?returnUrl=%2Fapp%2Fpage", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("second_factor_required", await api.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task ProtectedRoute_AfterEnrolling_IsForwarded()
    {
        var enrolled = await fixture.EnrolAsync();
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/app/page").AsApi().WithBearer(enrolled.Token));

        Assert.Equal("/app/page", (await EchoedRequest.ReadAsync(response)).Path);
    }

    [Fact]
    public async Task AnonymousRoute_UserWithoutSecondFactor_StaysOpen()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        using var response = await client.SendAsync(Requests.Get("/public/page").AsApi().WithBearer(token));

        Assert.Equal("/public/page", (await EchoedRequest.ReadAsync(response)).Path);
    }
}
