using System.Security.Cryptography;
using System.Text;

namespace Gateway.Accounts;

/// <summary>
/// The unsalted digest legacy apps kept: lower-case hex of SHA-256 over the UTF-8 password, as Python's
/// <c>hashlib.sha256(pw.encode('utf-8')).hexdigest()</c> writes it. Only ever an input to a layered hash, never stored.
/// </summary>
internal static class LegacyDigest
{
    public const string Format = "sha256-hex";
    public const int Length = 64;

    public static string Sha256Hex(string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    /// <returns>The digest in lower case, or null when it is not 64 hexadecimal characters.</returns>
    public static string? Normalize(string? digest) =>
        digest is { Length: Length } && digest.All(char.IsAsciiHexDigit) ? digest.ToLowerInvariant() : null;
}
