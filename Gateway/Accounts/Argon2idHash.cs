using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Gateway.Accounts;

/// <summary>
/// Argon2id (RFC 9106) through libsodium, stored in the PHC string format libsodium and the reference implementation
/// write: <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c>, base64 without padding. Verification uses
/// the parameters in the string, so a change of settings never breaks a stored hash.
/// </summary>
internal static class Argon2idHash
{
    public const string Prefix = "$argon2id$v=19$";

    // RFC 9106 section 3.1 recommends 128-bit salts; libsodium takes no other size. 256-bit tags as libsodium writes.
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MinHashBytes = 16;
    private const int MaxHashBytes = 64;

    public static bool IsArgon2id(string hash) => hash.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Compute(string password, Argon2Cost cost)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, cost, HashBytes);
        return $"{Prefix}{cost}${Encode(salt)}${Encode(hash)}";
    }

    /// <returns>False for a wrong password and for a string that is not a hash this gateway writes, never an exception.</returns>
    public static bool Verify(string stored, string password, out Argon2Cost cost)
    {
        if (!TryRead(stored, out cost, out var salt, out var expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(password, salt, cost, expected.Length), expected);
    }

    public static bool TryRead(string stored, out Argon2Cost cost, out byte[] salt, out byte[] hash)
    {
        cost = default;
        salt = hash = [];
        if (!IsArgon2id(stored))
        {
            return false;
        }

        var fields = stored[Prefix.Length..].Split('$');
        var parameters = fields[0].Split(',');
        if (fields.Length != 3 || parameters.Length != 3
            || !TryNumber(parameters[0], "m=", out var memory)
            || !TryNumber(parameters[1], "t=", out var iterations)
            || !TryNumber(parameters[2], "p=", out var parallelism)
            || !TryDecode(fields[1], out salt) || salt.Length != SaltBytes
            || !TryDecode(fields[2], out hash) || hash.Length is < MinHashBytes or > MaxHashBytes)
        {
            return false;
        }

        cost = new Argon2Cost(memory, iterations, parallelism);
        return cost.IsComputable;
    }

    private static byte[] Derive(string password, byte[] salt, Argon2Cost cost, int length)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            MemorySize = cost.MemoryKiB,
            NumberOfPasses = cost.Iterations,
            DegreeOfParallelism = cost.Parallelism,
        });

        // UTF-8 bytes, as libsodium's and the reference CLI's hashes are of: NSec's string overload hashes UTF-16.
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return algorithm.DeriveBytes(bytes, salt, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>A PHC decimal: digits only, no sign, no leading zero.</summary>
    private static bool TryNumber(string field, string name, out int value)
    {
        value = 0;
        var digits = field.AsSpan();
        return digits.StartsWith(name, StringComparison.Ordinal)
            && digits.Length > name.Length && (digits[name.Length] != '0' || digits.Length == name.Length + 1)
            && int.TryParse(digits[name.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Standard base64 without padding; only the canonical spelling of the bytes (Convert also skips spaces).</summary>
    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1 || text.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new byte[text.Length * 3 / 4];
        var padded = text.PadRight(text.Length + (4 - (text.Length % 4)) % 4, '=');
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || Encode(buffer[..written]) != text)
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
