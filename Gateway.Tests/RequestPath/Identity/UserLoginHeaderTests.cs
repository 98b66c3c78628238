using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Identity;

/// <summary>
/// X-User-Login: the username a user signs in with, for an app whose data is keyed by its old login (X-User-Name is
/// the display name). Only the gateway sets it: a client's copies are dropped in every spelling, like the other
/// identity headers. Sent over a raw socket, since HttpClient would fold repeated headers and refuse odd names.
/// </summary>
public sealed class UserLoginHeaderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> Spellings => new()
    {
        "X-User-Login", "x-user-login", "X_User_Login", "x.user.login", "XUserLogin",
    };

    [Fact]
    public async Task SignedIn_BackendGetsTheUsernameBesideTheDisplayName()
    {
        var cookies = new System.Net.CookieContainer();
        using var client = fixture.Gateway.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(client, displayName: "Ada Lovelace");

        var echoed = await EchoedRequest.ReadAsync(await client.GetAsync("/api/whoami"));

        Assert.Equal([user.Username], echoed.ValuesAsBackendsSeeThem("X-User-Login"));
        Assert.Equal(["Ada Lovelace"], echoed.ValuesAsBackendsSeeThem("X-User-Name"));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task SpoofedLogin_SignedIn_OnlyTheGatewaysReachesTheBackend(string spelling)
    {
        var token = TestTokens.Sign(descriptor => descriptor.Claims["preferred_username"] = "real.login");

        var echoed = await SendAsync("/api/whoami", $"Authorization: Bearer {token}", $"{spelling}: admin");

        Assert.Equal(["real.login"], echoed.ValuesAsBackendsSeeThem("X-User-Login"));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task SpoofedLogin_PublicRoute_NeverReachesTheBackend(string spelling)
    {
        var echoed = await SendAsync("/public/page", $"{spelling}: admin");

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Login"));
    }

    [Fact]
    public async Task TokenWithoutALogin_NoHeaderAndTheSpoofedOneStillDropped()
    {
        // Issued before tokens carried preferred_username: nothing to say until the session's next refresh.
        var echoed = await SendAsync("/api/whoami", $"Authorization: Bearer {TestTokens.Valid("old-token-user")}", "X-User-Login: admin");

        Assert.Equal(["old-token-user"], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Login"));
    }

    [Fact]
    public async Task LoginOutsidePrintableAscii_IsPercentEncodedUtf8()
    {
        var token = TestTokens.Sign(descriptor => descriptor.Claims["preferred_username"] = "zoë%");

        var echoed = await SendAsync("/api/whoami", $"Authorization: Bearer {token}");

        Assert.Equal("zo%C3%AB%25", echoed.Header("X-User-Login"));
    }

    [Fact]
    public async Task ConfiguredName_IsUsedAndStripped()
    {
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address, [("Gateway:Headers:UserLogin", "X-Remote-Login")]);
        var token = TestTokens.Sign(descriptor => descriptor.Claims["preferred_username"] = "real.login");

        var echoed = EchoedRequest.Parse((await RawHttp.SendAsync(gateway.Address, "GET", "/api/whoami",
            $"Authorization: Bearer {token}", "X_Remote_Login: admin")).Body);

        Assert.Equal(["real.login"], echoed.ValuesAsBackendsSeeThem("X-Remote-Login"));
    }

    private async Task<EchoedRequest> SendAsync(string path, params string[] headers)
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", path, headers);
        Assert.Equal(200, response.StatusCode);
        return EchoedRequest.Parse(response.Body);
    }
}
