using System.Security.Claims;
using System.Security.Cryptography;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.RequestPath.Assertions;

/// <summary>
/// The ES256 JWT a backend receives in X-Gateway-Assertion: who the validated token names, for one backend (aud = the
/// route's cluster id, so an assertion sent to one app is refused by another that checks aud, RFC 7519 section 4.1.3).
/// </summary>
internal sealed class AssertionIssuer(AssertionKey key, IOptions<AssertionOptions> options, IOptions<JwtOptions> jwt, TimeProvider time)
{
    public const int CacheCapacity = 10_000;

    // Reused until this long before exp (half the lifetime for short ones), so a backend always gets time to check it.
    private static readonly TimeSpan FreshnessMargin = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly AssertionCache _cache = new(CacheCapacity);
    private readonly TimeSpan _lifetime = options.Value.Lifetime;
    private readonly TimeSpan _margin = TimeSpan.FromTicks(Math.Min(FreshnessMargin.Ticks, options.Value.Lifetime.Ticks / 2));

    internal AssertionCache Cache => _cache;

    /// <summary>The assertion for a user the gateway validated (a token with sub and jti) sent to <paramref name="audience"/>.</summary>
    public string For(ClaimsPrincipal user, string audience)
    {
        var now = time.GetUtcNow();
        var tokenId = user.FindFirst(GatewayClaims.TokenId)!.Value;
        if (_cache.TryGet(tokenId, audience, now, out var cached))
        {
            return cached;
        }

        // Whole seconds (RFC 7519 NumericDate), so exp - iat is exactly the lifetime.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expires = issuedAt + _lifetime;
        var assertion = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Value.Issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = Claims(user),
        });

        _cache.Add(tokenId, audience, assertion, expires - _margin, now);
        return assertion;
    }

    private static Dictionary<string, object> Claims(ClaimsPrincipal user)
    {
        var claims = new Dictionary<string, object>
        {
            // This assertion's own id (RFC 7519 section 4.1.7), never the session token's, which revocation is keyed by.
            [GatewayClaims.TokenId] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            [GatewayClaims.Subject] = user.FindFirst(GatewayClaims.Subject)!.Value,
            [GatewayClaims.Name] = user.FindFirst(GatewayClaims.Name)?.Value ?? "",
            // Always arrays, empty when there is nothing to list, so a backend need not tell absent from none: the roles,
            // and how the user signed in (RFC 8176: pwd, and otp after a second factor).
            [GatewayClaims.Roles] = user.FindAll(GatewayClaims.Roles).Select(claim => claim.Value).ToArray(),
            [GatewayClaims.AuthenticationMethods] = user.FindAll(GatewayClaims.AuthenticationMethods).Select(claim => claim.Value).ToArray(),
        };
        if (user.FindFirst(GatewayClaims.PreferredUsername)?.Value is { Length: > 0 } login)
        {
            claims[GatewayClaims.PreferredUsername] = login;
        }

        return claims;
    }
}
