using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Tokens;

/// <summary>
/// Rotation without logging anyone out: the current key signs, with its kid; a previous key still validates tokens that
/// name it; a token without kid (issued before kids) is checked against the current key only; a kid nobody configured
/// is refused whatever key signed it.
/// </summary>
public sealed class KeyRotationTests(KeyRotationTests.Rotation rotation) : IClassFixture<KeyRotationTests.Rotation>
{
    /// <summary>The key after the rotation; the old one is <see cref="GatewayServer.SigningKey"/>.</summary>
    private const string NewKey = "rotated-signing-key-9876543210-ZYXWVUTSRQPONMLKJIHGFEDCBA";

    private const string OldKey = GatewayServer.SigningKey;

    [Fact]
    public async Task Login_DuringRotation_TokenCarriesTheCurrentKeysKid()
    {
        using var client = rotation.During.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        var token = new JsonWebToken(await TestUsers.LoginAsync(client, user.Username));

        Assert.Equal(TestTokens.KeyIdOf(NewKey), token.Kid);
        Assert.NotEqual(TestTokens.KeyIdOf(OldKey), token.Kid);
        Assert.DoesNotContain(NewKey, token.EncodedHeader + Base64Decoded(token.EncodedHeader), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviousKey_TokenNamingIt_IsAccepted()
    {
        var token = TestTokens.Sign(d => d.SigningCredentials = TestTokens.KeyedCredentials(OldKey, TestTokens.KeyIdOf(OldKey)));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotation.During, token));
    }

    [Fact]
    public async Task CurrentKey_TokenNamingIt_IsAccepted()
    {
        var token = TestTokens.Sign(d => d.SigningCredentials = TestTokens.KeyedCredentials(NewKey, TestTokens.KeyIdOf(NewKey)));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotation.During, token));
    }

    [Fact]
    public async Task RemovedKey_TokenNamingIt_IsRejected()
    {
        var token = TestTokens.Sign(d => d.SigningCredentials = TestTokens.KeyedCredentials(OldKey, TestTokens.KeyIdOf(OldKey)));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(rotation.After, token));
    }

    [Theory]
    [InlineData(NewKey)]
    [InlineData(OldKey)]
    public async Task UnknownKid_SignedWithAConfiguredKey_IsRejected(string key)
    {
        var token = TestTokens.Sign(d => d.SigningCredentials = TestTokens.KeyedCredentials(key, "not-a-configured-kid"));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(rotation.During, token));
    }

    [Fact]
    public async Task PreviousKeysKid_SignedWithTheCurrentKey_IsRejected()
    {
        // The kid picks the one key the signature is checked with; a signature by another configured key does not do.
        var token = TestTokens.Sign(d => d.SigningCredentials = TestTokens.KeyedCredentials(NewKey, TestTokens.KeyIdOf(OldKey)));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(rotation.During, token));
    }

    [Fact]
    public async Task KidlessToken_SignedWithTheCurrentKey_IsAccepted()
    {
        // What the gateway issued before tokens carried a kid: the upgrade logs nobody out.
        var token = TestTokens.Sign(d => d.SigningCredentials = TestTokens.Credentials(NewKey, SigningAlgorithm));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotation.During, token));
    }

    [Fact]
    public async Task KidlessToken_SignedWithAPreviousKey_IsRejected()
    {
        var token = TestTokens.Sign(d => d.SigningCredentials = TestTokens.Credentials(OldKey, SigningAlgorithm));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(rotation.During, token));
    }

    [Fact]
    public async Task Start_PreviousKeyWeak_RefusesNamingTheEntryNotTheKey()
    {
        const string weak = "short-old-key";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(ClosedPort.Address(),
            [("Gateway:Jwt:PreviousSigningKeys:0", OldKey + "x"), ("Gateway:Jwt:PreviousSigningKeys:1", weak)]));

        Assert.Contains("Gateway:Jwt:PreviousSigningKeys:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PreviousSigningKeys:0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(weak, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PreviousKeyIsTheCurrentOne_RefusesNamingTheEntry()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(ClosedPort.Address(),
            [("Gateway:Jwt:PreviousSigningKeys:0", OldKey)]));

        Assert.Contains("Gateway:Jwt:PreviousSigningKeys:0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OldKey, error.Message, StringComparison.Ordinal);
    }

    private const string SigningAlgorithm = Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256;

    private static async Task<HttpStatusCode> StatusAsync(GatewayServer gateway, string token)
    {
        using var client = gateway.CreateClientWithoutCookieJar();
        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi().WithBearer(token));
        return response.StatusCode;
    }

    private static string Base64Decoded(string part) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(part);

    /// <summary>Two gateways before the same backend: one mid-rotation (old key kept), one after it (old key removed).</summary>
    public sealed class Rotation : IAsyncLifetime
    {
        private SampleBackendServer _backend = null!;

        public GatewayServer During { get; private set; } = null!;

        public GatewayServer After { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _backend = await SampleBackendServer.StartAsync();
            During = await GatewayServer.StartAsync(_backend.Address,
                [("Gateway:Jwt:SigningKey", NewKey), ("Gateway:Jwt:PreviousSigningKeys:0", OldKey)]);
            After = await GatewayServer.StartAsync(_backend.Address, [("Gateway:Jwt:SigningKey", NewKey)]);
        }

        public async Task DisposeAsync()
        {
            await After.DisposeAsync();
            await During.DisposeAsync();
            await _backend.DisposeAsync();
        }
    }
}
