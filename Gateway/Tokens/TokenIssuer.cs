using System.Security.Cryptography;
using Gateway.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

internal sealed record IssuedToken(string Value, string Id, DateTimeOffset ExpiresAt)
{
    /// <summary>The <c>sid</c> of the session the token belongs to; none for a token outside any session.</summary>
    public string? SessionId { get; init; }
}

/// <summary>Mints the gateway's HS256 JWT for a signed-in user.</summary>
internal sealed class TokenIssuer(IOptions<JwtOptions> options, SigningKey signingKey, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <param name="session">The session the token belongs to; none for a token outside any session.</param>
    public IssuedToken Issue(User user, Session? session = null)
    {
        var jwt = options.Value;

        // JWT times are whole seconds (RFC 7519 NumericDate); truncate so expiresAt matches the exp claim.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        // A refresh issues a new token rather than stretching one, and none outlives its session.
        var expires = now + jwt.Lifetime;
        if (session is not null && session.EndsAt < expires)
        {
            expires = DateTimeOffset.FromUnixTimeSeconds(session.EndsAt.ToUnixTimeSeconds());
        }

        // Signed in the same second as a "log out everywhere", the token would carry an iat before the cut-off and be
        // refused at once; it carries the cut-off instead, while nbf and exp keep the real time (see TokenCutOff).
        var issuedAt = TokenCutOff.IssuedAt(now, user.TokensValidAfter);
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

        var claims = new Dictionary<string, object>
        {
            [GatewayClaims.Subject] = user.Id,
            [GatewayClaims.Name] = user.DisplayName,
            [GatewayClaims.PreferredUsername] = user.Username,
            [GatewayClaims.TokenId] = id,
        };
        claims[GatewayClaims.AuthenticationMethods] = session?.SecondFactor == true
            ? new[] { GatewayClaims.PasswordMethod, GatewayClaims.OneTimePasswordMethod }
            : new[] { GatewayClaims.PasswordMethod };
        if (user.Roles.Count > 0)
        {
            claims[GatewayClaims.Roles] = user.Roles.ToArray();
        }

        if (session is not null)
        {
            claims[GatewayClaims.SessionId] = session.Id;
            claims[GatewayClaims.AuthTime] = session.AuthTime.ToUnixTimeSeconds();
            if (session.Remembered)
            {
                claims[GatewayClaims.Remembered] = true;
            }
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = signingKey.Credentials,
            Claims = claims,
        });

        return new IssuedToken(token, id, expires) { SessionId = session?.Id };
    }
}
