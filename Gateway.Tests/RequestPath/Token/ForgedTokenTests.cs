using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>Only HS256 tokens signed with the gateway's key, for its issuer and audience, with exp and jti, get through.</summary>
public sealed class ForgedTokenTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string OtherKey = "attacker-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    private static readonly Dictionary<string, Func<string>> Forgeries = new()
    {
        ["wrong key"] = () => TestTokens.Sign(d => d.SigningCredentials = TestTokens.Credentials(OtherKey, SecurityAlgorithms.HmacSha256)),
        ["alg none"] = () => TestTokens.Unsecured(TestTokens.Descriptor("admin")),
        ["HS384 with the gateway key"] = () => TestTokens.SignedWithHmac("HS384", TestTokens.Descriptor()),
        ["HS512 with the gateway key"] = () => TestTokens.SignedWithHmac("HS512", TestTokens.Descriptor()),
        ["tampered sub"] = () => TestTokens.TamperPayload(TestTokens.Valid("alice"), p => p["sub"] = "admin"),
        ["tampered exp"] = () => TestTokens.TamperPayload(TestTokens.Expired(TimeSpan.FromHours(1)),
            p => p["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()),
        ["signature removed"] = () =>
        {
            var token = TestTokens.Valid("admin");
            return token[..(token.LastIndexOf('.') + 1)];
        },
        ["wrong issuer"] = () => TestTokens.Sign(d => d.Issuer = "someone-else"),
        ["no issuer"] = () => TestTokens.Sign(d => d.Issuer = null),
        ["wrong audience"] = () => TestTokens.Sign(d => d.Audience = "another-app"),
        ["no audience"] = () => TestTokens.Sign(d => d.Audience = null),
        ["missing exp"] = () => TestTokens.Sign(d => d.Expires = null),
        ["missing jti"] = () => TestTokens.Sign(d => d.Claims.Remove("jti")),
        ["missing sub"] = () => TestTokens.Sign(d => d.Claims.Remove("sub")),
        ["nbf in the future"] = () => TestTokens.Sign(d => d.NotBefore = DateTime.UtcNow.AddMinutes(5)),
        ["not a JWT"] = () => "not-a-token",
        ["empty"] = () => "",
    };

    public static TheoryData<string> Cases => [.. Forgeries.Keys];

    [Fact]
    public async Task MintedToken_SignedLikeTheGateway_IsAccepted()
    {
        // The controls: the minting helpers make tokens the gateway accepts, so each refusal below is the forgery's.
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var minted = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Valid("alice")));
        using var handMade = await client.SendAsync(Requests.Get("/api/whoami")
            .WithBearer(TestTokens.SignedWithHmac("HS256", TestTokens.Descriptor("bob"))));

        Assert.Equal("alice", (await EchoedRequest.ReadAsync(minted)).Header("X-User-Id"));
        Assert.Equal("bob", (await EchoedRequest.ReadAsync(handMade)).Header("X-User-Id"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ForgedBearer_Api_Returns401AndNeverReachesBackend(string forgery)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi().WithBearer(Forgeries[forgery]()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ForgedCookie_Browser_IsSentToLogin(string forgery)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/hello").AsBrowser()
            .WithHeader("Cookie", $"gateway_token={Forgeries[forgery]()}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ForgedBearer_Me_Returns401(string forgery)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/auth/me").WithBearer(Forgeries[forgery]()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
