using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>
/// The HMAC key tokens are signed with, and the previous keys still accepted while a rotation runs. Each key carries a
/// <c>kid</c> (RFC 7515 section 4.1.4) derived from the key itself, so every instance configured with the same keys
/// names them alike without a setting of its own.
/// </summary>
internal sealed class SigningKey
{
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    private readonly Dictionary<string, SymmetricSecurityKey> _byId = new(StringComparer.Ordinal);

    public SigningKey(IOptions<JwtOptions> options)
    {
        var jwt = options.Value;
        Key = Create(jwt.SigningKey!);
        _byId[Key.KeyId] = Key;
        var previous = new List<SymmetricSecurityKey>();
        foreach (var value in jwt.PreviousSigningKeys.Where(value => !string.IsNullOrEmpty(value)))
        {
            var key = Create(value);
            if (_byId.TryAdd(key.KeyId, key))
            {
                previous.Add(key);
            }
        }

        Previous = previous;
    }

    /// <summary>The current key: it signs every new token.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>Keys that only validate, each once.</summary>
    public IReadOnlyList<SymmetricSecurityKey> Previous { get; }

    public SigningCredentials Credentials => new(Key, Algorithm);

    /// <summary>
    /// The key a token names in its kid, and no other: an unknown kid gets none, so it is refused. A token without kid
    /// was issued before tokens carried one, hence by the key that was current then, and is checked against the current
    /// key only; a previous key needs its kid.
    /// </summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            return [Key];
        }

        return _byId.TryGetValue(keyId, out var key) ? [key] : [];
    }

    /// <summary>The first 8 bytes of the key's SHA-256, base64url: names the key and reveals nothing a signature does not.</summary>
    public static string KeyIdOf(string key) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8).ToArray());

    private static SymmetricSecurityKey Create(string key) => new(Encoding.UTF8.GetBytes(key)) { KeyId = KeyIdOf(key) };
}
