using System.Text.Json;

using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using VerifyingBackend = Gateway.Tests.RequestPath.Assertions.Assertions;

namespace Gateway.Tests.RequestPath.Assertions;

/// <summary>What an assertion says beside who the user is: how they signed in (amr), its own id (jti), their login.</summary>
public sealed class AssertionClaimsTests(AssertionFixture fixture) : IClassFixture<AssertionFixture>
{
    [Fact]
    public async Task Assertion_PasswordSignIn_CarriesAmrPwdItsOwnJtiAndTheLogin()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        var jwt = await AssertionForAsync(token);

        Assert.Equal(["pwd"], Strings(jwt, "amr"));
        Assert.Equal(user.Username, jwt.GetClaim("preferred_username").Value);
        var id = jwt.GetClaim("jti").Value;
        Assert.False(string.IsNullOrEmpty(id));
        Assert.NotEqual(new JsonWebToken(token).Id, id);
    }

    [Fact]
    public async Task Assertion_SecondFactorSignIn_CarriesAmrOtp()
    {
        var descriptor = TestTokens.Descriptor("otp-user", "Otp User");
        descriptor.Claims["amr"] = new[] { "pwd", "otp" };

        var jwt = await AssertionForAsync(TestTokens.Sign(descriptor));

        Assert.Equal(["pwd", "otp"], Strings(jwt, "amr"));
    }

    [Fact]
    public async Task Assertion_TwoTokens_TwoIds()
    {
        var first = await AssertionForAsync(TestTokens.Valid("jti-user-1"));
        var second = await AssertionForAsync(TestTokens.Valid("jti-user-2"));

        Assert.NotEqual(first.GetClaim("jti").Value, second.GetClaim("jti").Value);
    }

    private async Task<JsonWebToken> AssertionForAsync(string token)
    {
        var echoed = await VerifyingBackend.EchoAsync(fixture.Gateway, "/api/whoami", token);
        var assertion = Assert.Single(echoed.ValuesAsBackendsSeeThem(VerifyingBackend.Header));
        var (_, keys) = await VerifyingBackend.KeysAsync(fixture.Gateway);
        var result = await VerifyingBackend.VerifyAsync(assertion, keys, "backend");
        Assert.True(result.IsValid, $"The assertion does not verify: {result.Exception?.Message}");
        return (JsonWebToken)result.SecurityToken;
    }

    private static IEnumerable<string?> Strings(JsonWebToken jwt, string claim)
    {
        using var payload = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.EncodedPayload));
        return [.. payload.RootElement.GetProperty(claim).EnumerateArray().Select(value => value.GetString())];
    }
}
