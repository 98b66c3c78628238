using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Identity;

/// <summary>
/// X-User-Roles carries the validated token's roles, comma-separated; a client's copies are dropped in every spelling,
/// on protected and public routes alike. Raw sockets, as in <see cref="IdentityHeaderTests"/>.
/// </summary>
public sealed class UserRolesHeaderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string> Spellings => new()
    {
        "X-User-Roles", "x-user-roles", "X-USER-ROLES", "X_User_Roles", "x_user_roles", "X.User.Roles", "XUserRoles",
    };

    [Fact]
    public async Task ProxiedRequest_TokenWithRoles_CarriesThemCommaSeparated()
    {
        var echoed = await SendAsync("/api/whoami", WithRoles("admin", "editor"));

        Assert.Equal(["admin,editor"], echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task ProxiedRequest_TokenWithoutRoles_HasNoRolesHeader()
    {
        var echoed = await SendAsync("/api/whoami", TestTokens.Valid("real-id"));

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task ProxiedRequest_TokenRoleThatIsNoRoleName_IsNotForwarded()
    {
        var echoed = await SendAsync("/api/whoami", WithRoles("editor", "admin,root", "Bad Role"));

        Assert.Equal(["editor"], echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task ProxiedRequest_RegisteredUser_HasNoRolesHeader()
    {
        var cookies = new System.Net.CookieContainer();
        using var client = fixture.Gateway.CreateClient(cookies);
        await TestUsers.RegisterAsync(client);

        var echoed = await EchoedRequest.ReadAsync(await client.GetAsync("/api/whoami"));

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task SpoofedRolesHeader_WithValidToken_OnlyTheTokensRolesArrive(string spelling)
    {
        var withRoles = await SendAsync("/api/whoami", WithRoles("editor"), $"{spelling}: admin", "X-User-Roles: admin");
        var withoutRoles = await SendAsync("/api/whoami", TestTokens.Valid("real-id"), $"{spelling}: admin");

        Assert.Equal(["editor"], withRoles.ValuesAsBackendsSeeThem("X-User-Roles"));
        Assert.Empty(withoutRoles.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task SpoofedRolesHeader_PublicRouteWithoutToken_NeverArrives(string spelling)
    {
        var echoed = await SendAsync("/public/page", token: null, $"{spelling}: admin", "x_user_roles: admin,editor");

        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    [Fact]
    public async Task RolesHeaderName_Configured_CarriesRolesAndStripsBothNames()
    {
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address, [("Gateway:Headers:UserRoles", "X-Groups")]);

        var response = await RawHttp.SendAsync(gateway.Address, "GET", "/api/whoami",
            "x_groups: admin", "X-Groups: admin", $"Authorization: Bearer {WithRoles("editor")}");

        Assert.Equal(200, response.StatusCode);
        var echoed = EchoedRequest.Parse(response.Body);
        Assert.Equal(["editor"], echoed.ValuesAsBackendsSeeThem("X-Groups"));
        Assert.Empty(echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
    }

    private static string WithRoles(params string[] roles) => TestTokens.Sign(d => d.Claims["roles"] = roles);

    private async Task<EchoedRequest> SendAsync(string path, string? token, params string[] headers)
    {
        string[] lines = token is null ? headers : [.. headers, $"Authorization: Bearer {token}"];
        var response = await RawHttp.SendAsync(fixture.Gateway.Address, "GET", path, lines);
        Assert.True(response.StatusCode == 200, $"GET {path} answered {response.StatusCode}: {response.Body}");
        return EchoedRequest.Parse(response.Body);
    }
}
