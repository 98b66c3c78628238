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

    private static void AssertFailsNamingSetting(string? key)
    {
        var result = Validator.Validate(null, new JwtOptions { SigningKey = key });

        Assert.True(result.Failed);
        Assert.Contains(SettingToSet, result.FailureMessage, StringComparison.Ordinal);
    }
}
