using System.Runtime.Versioning;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.RequestPath.Assertions;

/// <summary>Gateway:Assertion:Enabled: backends receive an ES256 JWT they can verify with the served JWKS.</summary>
public sealed class AssertionTests(AssertionFixture fixture) : IClassFixture<AssertionFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task ProxiedRequest_SignedIn_CarriesAnAssertionThatVerifiesWithTheJwks()
    {
        var (user, token) = await SignUpAsync();

        var echoed = await Assertions.EchoAsync(Gateway, "/api/whoami", token);
        var assertion = Assert.Single(echoed.ValuesAsBackendsSeeThem(Assertions.Header));
        var (_, keys) = await Assertions.KeysAsync(Gateway);
        var result = await Assertions.VerifyAsync(assertion, keys, "backend");

        Assert.True(result.IsValid, $"The assertion does not verify: {result.Exception?.Message}");
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(Assert.Single(keys.Keys).Kid, jwt.Kid);
        Assert.Equal(GatewayServer.Issuer, jwt.Issuer);
        Assert.Equal("backend", Assert.Single(jwt.Audiences));
        Assert.Equal(user.Id, jwt.Subject);
        Assert.Equal(user.DisplayName, jwt.GetClaim("name").Value);
        Assert.Equal("[]", Payload(jwt).GetProperty("roles").GetRawText());
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.InRange(jwt.ValidTo, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Assertion_TokenWithRoles_CarriesThemAsAnArray()
    {
        var descriptor = TestTokens.Descriptor("role-user", "Role User");
        descriptor.Claims["roles"] = new[] { "editor", "ops" };

        var echoed = await Assertions.EchoAsync(Gateway, "/api/whoami", TestTokens.Sign(descriptor));
        var jwt = new JsonWebToken(Assert.Single(echoed.ValuesAsBackendsSeeThem(Assertions.Header)));

        Assert.Equal("role-user", jwt.Subject);
        Assert.Equal("Role User", jwt.GetClaim("name").Value);
        Assert.Equal(["editor", "ops"], Payload(jwt).GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
    }

    [Fact]
    public async Task Assertion_RouteOfAnotherCluster_HasThatClusterAsAudienceOnly()
    {
        var (_, token) = await SignUpAsync();

        var toBackend = Assert.Single((await Assertions.EchoAsync(Gateway, "/api/whoami", token)).ValuesAsBackendsSeeThem(Assertions.Header));
        var toOther = Assert.Single((await Assertions.EchoAsync(Gateway, "/other/page", token)).ValuesAsBackendsSeeThem(Assertions.Header));
        var (_, keys) = await Assertions.KeysAsync(Gateway);

        Assert.NotEqual(toBackend, toOther);
        Assert.True((await Assertions.VerifyAsync(toOther, keys, "other")).IsValid, "the assertion for /other is for the cluster other");
        Assert.False((await Assertions.VerifyAsync(toOther, keys, "backend")).IsValid, "an assertion for other is refused by backend");
    }

    [Fact]
    public async Task Assertion_SameTokenTwice_SameAssertionFromTheCache()
    {
        var (_, token) = await SignUpAsync();

        var first = Assert.Single((await Assertions.EchoAsync(Gateway, "/api/whoami", token)).ValuesAsBackendsSeeThem(Assertions.Header));
        var second = Assert.Single((await Assertions.EchoAsync(Gateway, "/api/whoami?again", token)).ValuesAsBackendsSeeThem(Assertions.Header));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Assertion_AnotherTokenOfTheSameUser_AnotherAssertion()
    {
        var (user, token) = await SignUpAsync();
        using var client = Gateway.CreateClient();
        var other = await TestUsers.LoginAsync(client, user.Username);

        var first = Assert.Single((await Assertions.EchoAsync(Gateway, "/api/whoami", token)).ValuesAsBackendsSeeThem(Assertions.Header));
        var second = Assert.Single((await Assertions.EchoAsync(Gateway, "/api/whoami", other)).ValuesAsBackendsSeeThem(Assertions.Header));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task AnonymousRequest_PublicRoute_NoAssertion()
    {
        var echoed = await Assertions.EchoAsync(Gateway, "/public/page");

        Assert.Empty(echoed.ValuesAsBackendsSeeThem(Assertions.Header));
    }

    [Fact]
    public async Task SpoofedAssertion_AnySpelling_NeverReachesTheBackend()
    {
        var forged = TestTokens.Valid();

        var anonymous = await Assertions.EchoAsync(Gateway, "/public/page", null,
            ("X-Gateway-Assertion", forged), ("x_gateway_assertion", forged), ("X.Gateway.Assertion", forged));
        var (_, token) = await SignUpAsync();
        var signedIn = await Assertions.EchoAsync(Gateway, "/api/whoami", token, ("x-gateway-assertion", forged));

        Assert.Empty(anonymous.ValuesAsBackendsSeeThem(Assertions.Header));
        Assert.DoesNotContain(forged, Assert.Single(signedIn.ValuesAsBackendsSeeThem(Assertions.Header)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_Anonymous_PublicKeyOnlyAndCacheable()
    {
        var (response, keys) = await Assertions.KeysAsync(Gateway);
        using var _ = response;

        var key = Assert.Single(keys.Keys);
        Assert.Equal("EC", key.Kty);
        Assert.Equal("P-256", key.Crv);
        Assert.Equal("ES256", key.Alg);
        Assert.Null(key.D);
        var cacheControl = Assertions.CacheControl(response);
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Public, "the JWKS is cacheable by anyone");
        Assert.NotNull(cacheControl.MaxAge);
    }

    [Fact]
    public async Task Jwks_HostNotInAllowedHosts_StillServedForBackendsInside()
    {
        using var client = Gateway.CreateClient();
        using var response = await client.SendAsync(Requests.Get("/.well-known/jwks.json").WithHost("gateway.internal:8080"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Single(new JsonWebKeySet(await response.Content.ReadAsStringAsync()).Keys);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task GeneratedKey_OwnerOnlyAndKeptAcrossRestarts()
    {
        var first = await GatewayServer.StartAsync(fixture.Backend.Address, [("Gateway:Assertion:Enabled", "true")]);
        string kid;
        await using (first)
        {
            kid = Assert.Single((await Assertions.KeysAsync(first)).Keys.Keys).Kid;
        }

        var file = Path.Combine(first.DataPath, "assertion-key.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        await using var second = await GatewayServer.StartAsync(
            fixture.Backend.Address, [("Gateway:Assertion:Enabled", "true")], directory: first.Directory);
        Assert.Equal(kid, Assert.Single((await Assertions.KeysAsync(second)).Keys.Keys).Kid);
        Assert.NotEqual(kid, Assert.Single((await Assertions.KeysAsync(Gateway)).Keys.Keys).Kid);
    }

    private static JsonElement Payload(JsonWebToken jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)).RootElement;

    private async Task<(RegisteredUser User, string Token)> SignUpAsync()
    {
        using var client = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client, displayName: "Assertion User");
        return (user, await TestUsers.LoginAsync(client, user.Username));
    }
}
