using System.Security.Cryptography;
using System.Text;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Ten single-use codes of 80 random bits each, shown once as <c>XXXX-XXXX-XXXX-XXXX</c> (base32).
/// </summary>
/// <remarks>
/// Stored as SHA-256 over the user id and the code rather than with the password hash: a slow hash protects secrets a
/// person chose, which can be guessed; 80 random bits cannot be enumerated (2^80 hashes per code) however fast each
/// hash is, and a fast hash lets a code be found with one indexed lookup instead of ten PBKDF2 checks per attempt. The
/// user id in the hash keeps equal codes of two users apart.
/// </remarks>
internal static class RecoveryCodes
{
    public const int Count = 10;
    private const int CodeBytes = 10;

    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => Format(Base32.Encode(RandomNumberGenerator.GetBytes(CodeBytes))))];

    /// <returns>Null for text that cannot be a recovery code.</returns>
    public static string? Hash(string userId, string? code)
    {
        if (code is null || code.Length > 64)
        {
            return null;
        }

        var normalized = new string([.. code.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        if (normalized.Length != CodeBytes * 8 / 5 || Base32.Decode(normalized) is null)
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId + ":" + normalized)));
    }

    private static string Format(string code) => string.Join('-', code.Chunk(4).Select(chunk => new string(chunk)));
}
