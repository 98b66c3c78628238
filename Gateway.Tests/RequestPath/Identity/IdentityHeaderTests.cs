using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Identity;

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

    [Fact]
    public async Task ProxiedRequest_NameLookingPercentEncoded_ArrivesDistinctFromTheNameItSpells()
    {
        var encoded = await SendAsync("/api/whoami", TestTokens.Valid("u1", "Zo%C3%AB"));
        var plain = await SendAsync("/api/whoami", TestTokens.Valid("u2", "Zoë"));

        Assert.NotEqual(plain.Header("X-User-Name"), encoded.Header("X-User-Name"));
        Assert.Equal("Zo%C3%AB", Uri.UnescapeDataString(encoded.Header("X-User-Name")!));
        Assert.Equal("Zoë", Uri.UnescapeDataString(plain.Header("X-User-Name")!));
    }

    [Fact]
    public async Task ProxiedRequest_NameSpellingEncodedCrLf_DecodesToTheLiteralText()
    {
        var echoed = await SendAsync("/api/whoami", TestTokens.Valid("real-id", "Eve%0D%0AX-User-Id: admin"));

        Assert.Equal(["real-id"], echoed.ValuesAsBackendsSeeThem("X-User-Id"));
        Assert.Equal("Eve%0D%0AX-User-Id: admin", Uri.UnescapeDataString(echoed.Header("X-User-Name")!));
    }

    [Theory]
    [InlineData("Eve\r\nX-User-Id: admin")]
    [InlineData("Eve%0D%0AX-User-Id: admin")]
    public async Task HelloPage_NameWithCrLf_RendersWithoutALineBreak(string name)
    {
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", "/hello",
            $"Authorization: Bearer {TestTokens.Valid("real-id", name)}");

        Assert.Equal(200, response.StatusCode);
        var heading = System.Text.RegularExpressions.Regex.Match(response.Body, "<h1>(.*?)</h1>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(heading.Success, response.Body);
        Assert.DoesNotContain('\r', heading.Groups[1].Value);
        Assert.DoesNotContain('\n', heading.Groups[1].Value);
        Assert.Contains("X-User-Id: admin", heading.Groups[1].Value, StringComparison.Ordinal);
    }

    public static TheoryData<string> ConventionalSpellings => new()
    {
        "Remote-User", "remote_user", "REMOTE.USER", "Remote-Groups", "Remote-Name", "Remote-Email",
        "X-Forwarded-User", "x_forwarded_user", "X-Forwarded-Email", "X-Auth-Request-User", "x.auth.request.user",
        "X-Auth-Request-Email", "X-Remote-User", "x_remote_user",
    };

    [Theory]
    [MemberData(nameof(ConventionalSpellings))]
    public async Task ConventionalIdentityHeader_AnyRoute_NeverArrives(string spelling)
    {
        var onProtected = await SendAsync("/api/whoami", TestTokens.Valid("real-id"), $"{spelling}: admin");
        var onPublic = await SendAsync("/public/page", token: null, $"{spelling}: admin");

        Assert.Empty(onProtected.ValuesAsBackendsSeeThem(spelling));
        Assert.Empty(onPublic.ValuesAsBackendsSeeThem(spelling));
    }

    [Fact]
    public async Task ConventionalIdentityHeader_OperatorListsOwnHeaders_StillNeverArrives()
    {
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address, [("Gateway:Headers:Remove:0", "X-Tenant")]);

        var response = await RawHttp.SendAsync(gateway.Address, "GET", "/public/page",
            "X-Tenant: other", "Remote-User: admin", "x_original_url: /secret", "X-Forwarded-Email: admin@example.com");

        var echoed = EchoedRequest.Parse(response.Body);
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-Tenant"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("Remote-User"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-Original-URL"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-Forwarded-Email"));
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
