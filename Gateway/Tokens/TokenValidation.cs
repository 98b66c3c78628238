using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>The only tokens accepted: HS256 with our key, our issuer and audience, a lifetime and a small clock skew.</summary>
internal static class TokenValidation
{
    public static TokenValidationParameters Parameters(JwtOptions options, SigningKey key) => new()
    {
        // Pinning the algorithm rejects "alg": "none" and algorithm substitution (RFC 8725 section 3.1).
        ValidAlgorithms = [SigningKey.Algorithm],
        IssuerSigningKey = key.Key,
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
