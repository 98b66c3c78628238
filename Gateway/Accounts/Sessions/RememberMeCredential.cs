using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Accounts.Sessions;

/// <summary>What a valid remember-me credential names: a user and their remembered session.</summary>
internal sealed record RememberedSession(string UserId, Session Session);

/// <summary>
/// The long-lived credential of a remembered session: a JWT signed with the gateway's key but with its own audience and
/// <c>typ</c>, so token validation (which pins the audience) refuses it as a Bearer or cookie token, and a backend that
/// checks the audience refuses it too (RFC 8725 section 3.11, explicit typing; section 3.9, audience). It holds no name,
/// only <c>sub</c>, <c>sid</c> and <c>auth_time</c>, and expires with the session.
/// </summary>
internal sealed class RememberMeCredential(IOptions<JwtOptions> jwt, SigningKey signingKey, SessionPolicy sessions, TimeProvider time)
{
    public const string Type = "gateway-remember+jwt";

    private readonly JsonWebTokenHandler _handler = new();

    public string Audience => jwt.Value.Audience + "#remember";

    public string Create(string userId, Session session)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var claims = new Dictionary<string, object>
        {
            [GatewayClaims.Subject] = userId,
            [GatewayClaims.SessionId] = session.Id,
            [GatewayClaims.AuthTime] = session.AuthTime.ToUnixTimeSeconds(),
            [GatewayClaims.Remembered] = true,
        };
        if (session.SecondFactor)
        {
            // The restored session keeps what the sign-in proved.
            claims[GatewayClaims.AuthenticationMethods] = new[] { GatewayClaims.PasswordMethod, GatewayClaims.OneTimePasswordMethod };
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = Type,
            Issuer = jwt.Value.Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = session.EndsAt.UtcDateTime,
            SigningCredentials = signingKey.Credentials,
            Claims = claims,
        });
    }

    /// <returns>Null for anything but an unexpired credential this gateway signed, of a session still within its lifetime.</returns>
    public async Task<RememberedSession?> ReadAsync(string credential)
    {
        var parameters = TokenValidation.Parameters(jwt.Value, signingKey);
        parameters.ValidAudience = Audience;
        parameters.ValidTypes = [Type];
        parameters.LifetimeValidator = TokenLifetime.On(time);
        var result = await _handler.ValidateTokenAsync(credential, parameters);
        if (!result.IsValid
            || result.ClaimsIdentity.FindFirst(GatewayClaims.Subject)?.Value is not { Length: > 0 } userId
            || sessions.Read(new(result.ClaimsIdentity)) is not { Remembered: true } session
            || session.EndsAt <= time.GetUtcNow())
        {
            return null;
        }

        return new RememberedSession(userId, session);
    }
}
