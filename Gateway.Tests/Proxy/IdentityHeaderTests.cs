using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Proxy;

/// <summary>
/// The backend trusts X-User-Id and X-User-Name, so only the gateway may set them: a client's copies are dropped in
/// every spelling a backend would fold together, on protected and public routes alike. Sent over a raw socket, since
/// HttpClient would fold repeated headers and refuse odd names.
/// </summary>
public sealed class IdentityHeaderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> Spellings => new()
    {
        "X-User-Id", "x-user-id", "X-USER-ID", "X_User_Id", "x_user_id", "X.User.Id", "x.user.id", "X-User_Id", "XUserId",
        "X-User-Name", "x_user_name", "X.USER.NAME",
    };

    [Fact]
    public async Task ProxiedRequest_WithCookieSession_CarriesUserIdAndName()
    {
        var cookies = new System.Net.CookieContainer();
        using var client = fixture.Gateway.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(client, displayName: "Ada Lovelace");

        var echoed = await EchoedRequest.ReadAsync(await client.GetAsync("/api/whoami"));

        Assert.Equal([user.Id], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Equal(["Ada Lovelace"], echoed.ValuesAsBackendsSeeThem("X-User-Name"));
    }

    [Fact]
    public async Task ProxiedRequest_NonAsciiName_IsPercentEncodedUtf8()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Valid("u1", "Zoë Ölund")));

        Assert.Equal("Zo%C3%AB%20%C3%96lund", (await EchoedRequest.ReadAsync(response)).Header("X-User-Name"));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task SpoofedHeader_WithValidToken_OnlyGatewayValuesArrive(string spelling)
    {
        var echoed = await SendAsync("/api/whoami", TestTokens.Valid("real-id", "Real Name"), $"{spelling}: spoofed");

        Assert.Equal(["real-id"], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Equal(["Real Name"], echoed.ValuesAsBackendsSeeThem("X-User-Name"));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task SpoofedHeader_PublicRouteWithoutToken_NeverArrives(string spelling)
    {
        var echoed = await SendAsync("/public/page", token: null, $"{spelling}: spoofed");

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Name"));
    }

    [Fact]
    public async Task SpoofedHeader_RepeatedInManySpellings_AllDropped()
    {
        var echoed = await SendAsync("/api/whoami", TestTokens.Valid("real-id"),
            "X-User-Id: one", "X-User-Id: two", "x_user_id: three", "X.User.Id: four", "X-USER-ID: five, six");

        Assert.Equal(["real-id"], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
    }

    [Fact]
    public async Task SpoofedHeader_RepeatedOnPublicRoute_AllDropped()
    {
        var echoed = await SendAsync("/public/page", token: null, "X-User-Id: one", "X-User-Id: two", "x_user_id: three");

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Id"));
    }

    [Fact]
    public async Task IdentityHeaderListedInConnection_WithValidToken_GatewayValueStillArrives()
    {
        // Hop-by-hop handling must not let a client make the gateway drop its own header while keeping the client's.
        var echoed = await SendAsync("/api/whoami", TestTokens.Valid("real-id"),
            "Connection: close, X-User-Id, X-User-Name", "X-User-Id: spoofed");

        Assert.Equal(["real-id"], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
    }

    [Fact]
    public async Task IdentityHeaderListedInConnection_PublicRoute_NeverArrives()
    {
        var echoed = await SendAsync("/public/page", token: null, "Connection: close, X-User-Id", "X-User-Id: spoofed", "x_user_id: spoofed");

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Id"));
    }

    [Fact]
    public async Task PublicRoute_WithoutToken_CarriesNoIdentity()
    {
        var echoed = await SendAsync("/public/page", token: null);

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Name"));
    }

    private async Task<EchoedRequest> SendAsync(string path, string? token, params string[] headers)
    {
        string[] lines = token is null ? headers : [.. headers, $"Authorization: Bearer {token}"];
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", path, lines);
        Assert.True(response.StatusCode == 200, $"GET {path} answered {response.StatusCode}: {response.Body}");
        return EchoedRequest.Parse(response.Body);
    }
}
