using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Tokens;

public sealed class JwtOptionsValidatorTests
{
    private const string SettingToSet = "Gateway__Jwt__SigningKey";

    private static readonly JwtOptionsValidator Validator = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_MissingKey_FailsNamingTheSetting(string? key) =>
        AssertFailsNamingSetting(key);

    [Theory]
    [InlineData("0123456789abcdefghijklmnopqrstu")]
    [InlineData("short")]
    public void Validate_KeyUnder32Bytes_FailsNamingTheSetting(string key) =>
        AssertFailsNamingSetting(key);

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("changemechangemechangemechangemechangeme")]
    [InlineData("abababababababababababababababababababab")]
    public void Validate_RepetitiveKey_FailsNamingTheSetting(string key) =>
        AssertFailsNamingSetting(key);

    [Fact]
    public void Validate_ThirtyTwoVariedBytes_Succeeds() =>
        Assert.True(Validator.Validate(null, new JwtOptions { SigningKey = "0123456789abcdefghijklmnopqrstuv" }).Succeeded);

    [Fact]
    public void Validate_MultiByteCharacters_CountsBytes()
    {
        // 16 characters of two UTF-8 bytes each: 32 bytes.
        Assert.True(Validator.Validate(null, new JwtOptions { SigningKey = "àáâãäåæçèéêëìíîï" }).Succeeded);
    }

    [Fact]
    public void Validate_TestKey_Succeeds() =>
        Assert.True(Validator.Validate(null, new JwtOptions { SigningKey = GatewayServer.SigningKey }).Succeeded);

    [Theory]
    [InlineData("0123456789abcdefghijklmnopqrstu")]
    [InlineData("abababababababababababababababababababab")]
    public void Validate_WeakPreviousKey_FailsNamingItsIndex(string previous)
    {
        var result = Validator.Validate(null, new JwtOptions
        {
            SigningKey = GatewayServer.SigningKey,
            PreviousSigningKeys = ["previous-signing-key-0123456789-abcdefghijklmnop", previous],
        });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Jwt:PreviousSigningKeys:1", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Gateway__Jwt__PreviousSigningKeys__1", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(previous, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyPreviousKey_IsSkipped() =>
        Assert.True(Validator.Validate(null, new JwtOptions { SigningKey = GatewayServer.SigningKey, PreviousSigningKeys = [""] }).Succeeded);

    [Fact]
    public void Validate_PreviousKeyEqualToCurrent_Fails()
    {
        var result = Validator.Validate(null, new JwtOptions
        {
            SigningKey = GatewayServer.SigningKey,
            PreviousSigningKeys = [GatewayServer.SigningKey],
        });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Jwt:PreviousSigningKeys:0", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayServer.SigningKey, result.FailureMessage, StringComparison.Ordinal);
    }

    private static void AssertFailsNamingSetting(string? key)
    {
        var result = Validator.Validate(null, new JwtOptions { SigningKey = key });

        Assert.True(result.Failed);
        Assert.Contains(SettingToSet, result.FailureMessage, StringComparison.Ordinal);
    }
}
