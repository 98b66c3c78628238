using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>The only tokens accepted: HS256 with our key (or a previous one, by its kid), our issuer and audience, a lifetime and a small clock skew.</summary>
internal static class TokenValidation
{
    public static TokenValidationParameters Parameters(JwtOptions options, SigningKey key) => new()
    {
        // Pinning the algorithm rejects "alg": "none" and algorithm substitution (RFC 8725 section 3.1).
        ValidAlgorithms = [SigningKey.Algorithm],
        // Only the key the token's kid names (SigningKey.Resolve); never "try every key", which would let a token
        // with an unknown kid, or none, in under a previous key.
        IssuerSigningKeyResolver = (_, _, keyId, _) => key.Resolve(keyId),
        TryAllIssuerSigningKeys = false,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        ValidIssuer = options.Issuer,
        ValidateIssuer = true,
        ValidAudience = options.Audience,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = options.ClockSkew,
        NameClaimType = GatewayClaims.Name,
        RoleClaimType = GatewayClaims.Roles,
    };
}
