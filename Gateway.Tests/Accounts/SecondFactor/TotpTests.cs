using System.Text;

using Gateway.Accounts.SecondFactor;

namespace Gateway.Tests.Accounts.SecondFactor;

public sealed class TotpTests
{
    // RFC 6238 appendix B, the SHA-1 rows: the 20-byte ASCII secret "12345678901234567890", 8 digits.
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Code_Rfc6238Sha1Vectors_Match(long unixSeconds, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, Totp.Code(RfcSecret, step, digits: 8));
    }

    [Fact]
    public void Code_SixDigits_IsTheLastSixOfTheEightDigitCode()
    {
        // Truncation is modulo 10^digits (RFC 4226 section 5.3), so the 6-digit code ends the 8-digit one.
        Assert.Equal("287082", Totp.Code(RfcSecret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(59))));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Match_CodeWithinOneStep_ReturnsItsStep(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = Totp.StepAt(now) + offset;

        Assert.Equal(step, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step), now, lastUsedStep: -1));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public void Match_CodeTwoStepsAway_IsRefused(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);

        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, Totp.StepAt(now) + offset), now, lastUsedStep: -1));
    }

    [Fact]
    public void Match_StepAlreadyUsed_IsRefused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = Totp.StepAt(now);

        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, step), now, lastUsedStep: step));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, step - 1), now, lastUsedStep: step));
        Assert.Equal(step + 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step + 1), now, lastUsedStep: step));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Match_NotSixDigits_IsRefused(string? code)
    {
        Assert.Null(Totp.Match(RfcSecret, code, DateTimeOffset.UnixEpoch, lastUsedStep: -1));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_Rfc4648Vectors_RoundTrip(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant())!));
    }

    [Fact]
    public void RecoveryCodes_Generate_TenDistinctCodesThatHash()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", code));
        Assert.Equal(RecoveryCodes.Hash("u", codes[0]), RecoveryCodes.Hash("u", codes[0].ToLowerInvariant().Replace("-", " ")));
        Assert.NotEqual(RecoveryCodes.Hash("u", codes[0]), RecoveryCodes.Hash("v", codes[0]));
        Assert.Null(RecoveryCodes.Hash("u", "not a code"));
    }
}
