using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>
/// The library's lifetime rule (exp required, nbf and exp with the clock skew, RFC 7519 sections 4.1.4 and 4.1.5) on the
/// gateway's clock, the one tokens and sessions are issued by, rather than the system clock.
/// </summary>
internal static class TokenLifetime
{
    public static LifetimeValidator On(TimeProvider time) => (notBefore, expires, _, parameters) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } from && from > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.") { NotBefore = from, Expires = expires };
        }

        if (notBefore is { } start && start > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        if (expires.Value < now - skew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    };
}
