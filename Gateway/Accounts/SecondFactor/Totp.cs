using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226): HMAC-SHA-1, 30-second steps counted from the Unix
/// epoch, 6 digits, which is what every authenticator app accepts without extra parameters.
/// </summary>
internal static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>160 bits, the HMAC-SHA-1 output length RFC 4226 section 4 (R6) recommends.</summary>
    public const int SecretBytes = 20;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for one time step: RFC 4226 section 5.3, dynamic truncation of HMAC-SHA-1 over the step count.</summary>
    public static string Code(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        // SHA-1 is what RFC 6238 and every authenticator app use; HMAC-SHA-1 is not weakened by SHA-1 collisions (RFC 6194).
#pragma warning disable CA5350
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step <paramref name="code"/> belongs to, within one step either side of now (RFC 6238 section 5.2 allows a
    /// window for clock drift and typing time), and only later than <paramref name="lastUsedStep"/>, so a code observed
    /// once cannot be used again (section 5.2: "the verifier MUST NOT accept the second attempt of the same OTP").
    /// </summary>
    /// <returns>Null when the code matches no step it may be accepted for.</returns>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, long lastUsedStep)
    {
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        long? matched = null;
        // Every candidate is computed and compared in constant time, so the answer's timing does not say which matched.
        for (var step = current - 1; step <= current + 1; step++)
        {
            var candidate = Code(secret, step);
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(candidate), System.Text.Encoding.ASCII.GetBytes(code))
                && step > lastUsedStep)
            {
                matched = step;
            }
        }

        return matched;
    }
}
