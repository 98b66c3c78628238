using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Mints tokens the way an attacker or a clock would: with the gateway's test key or another one, any algorithm,
/// any claims. Times are set explicitly, so a token can be expired before it is ever sent.
/// </summary>
internal static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>What the gateway itself would issue: HS256 with its key, its issuer and audience, valid for ten minutes.</summary>
    public static SecurityTokenDescriptor Descriptor(string subject = "minted-user", string name = "Minted User")
    {
        var now = DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            Issuer = GatewayServer.Issuer,
            Audience = GatewayServer.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = Credentials(GatewayServer.SigningKey, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["name"] = name,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        };
    }

    public static string Valid(string subject = "minted-user", string name = "Minted User") => Sign(Descriptor(subject, name));

    /// <summary>A token that lived an hour and expired <paramref name="ago"/>.</summary>
    public static string Expired(TimeSpan ago) => Sign(d =>
    {
        d.Expires = DateTime.UtcNow - ago;
        d.IssuedAt = d.Expires - TimeSpan.FromHours(1);
        d.NotBefore = d.IssuedAt;
    });

    public static string Sign(SecurityTokenDescriptor descriptor) => Handler.CreateToken(descriptor);

    public static string Sign(Action<SecurityTokenDescriptor> change)
    {
        var descriptor = Descriptor();
        change(descriptor);
        return Sign(descriptor);
    }

    public static SigningCredentials Credentials(string key, string algorithm) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm);

    /// <summary>HS256 with <paramref name="key"/>, writing <paramref name="keyId"/> as the token's kid header.</summary>
    public static SigningCredentials KeyedCredentials(string key, string keyId) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256);

    /// <summary>
    /// The kid the gateway gives a key, computed here as the README documents it: the first 8 bytes of the SHA-256 of
    /// the key's UTF-8 bytes, base64url.
    /// </summary>
    public static string KeyIdOf(string key) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..8]);

    /// <summary>The same claims with <c>"alg": "none"</c> and an empty signature (RFC 7519 section 6).</summary>
    public static string Unsecured(SecurityTokenDescriptor descriptor)
    {
        var signed = new JsonWebToken(Sign(descriptor));
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{signed.EncodedPayload}.";
    }

    /// <summary>
    /// The same claims signed with the gateway's key under another HMAC algorithm, computed by hand: IdentityModel
    /// refuses HS512 with a key under 64 bytes, an attacker's script does not.
    /// </summary>
    public static string SignedWithHmac(string algorithm, SecurityTokenDescriptor descriptor)
    {
        var payload = new JsonWebToken(Sign(descriptor)).EncodedPayload;
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{algorithm}}","typ":"JWT"}""");
        var key = Encoding.UTF8.GetBytes(GatewayServer.SigningKey);
        var input = Encoding.ASCII.GetBytes($"{header}.{payload}");
        var signature = algorithm switch
        {
            "HS256" => HMACSHA256.HashData(key, input),
            "HS384" => HMACSHA384.HashData(key, input),
            "HS512" => HMACSHA512.HashData(key, input),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "An HMAC algorithm."),
        };
        return $"{header}.{payload}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A validly signed token whose payload is then edited, keeping the original signature.</summary>
    public static string TamperPayload(string token, Action<JsonObject> edit)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        edit(payload);
        parts[1] = Base64UrlEncoder.Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }
}
