using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Accounts.Sessions;

/// <summary>Starts sessions and reads them back from a validated token's claims.</summary>
internal sealed class SessionPolicy(IOptions<SessionOptions> options, TimeProvider time)
{
    public SessionOptions Options => options.Value;

    /// <summary>A new session for a user whose password (and, with <paramref name="secondFactor"/>, code) was just checked.</summary>
    public Session Start(User user, bool remember, bool secondFactor = false)
    {
        // Like iat: never before the user's cut-off, so signing in in the second of a "log out everywhere" still works.
        var authTime = TokenCutOff.IssuedAt(time.GetUtcNow(), user.TokensValidAfter);
        var remembered = remember && options.Value.RememberMe.Enabled;
        return new Session(Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)), authTime, remembered, EndOf(authTime, remembered))
        {
            SecondFactor = secondFactor,
        };
    }

    /// <returns>Null for a token issued before sessions existed (no sid or auth_time).</returns>
    public Session? Read(ClaimsPrincipal principal)
    {
        if (principal.FindFirst(GatewayClaims.SessionId)?.Value is not { Length: > 0 } id
            || !long.TryParse(principal.FindFirst(GatewayClaims.AuthTime)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var authTime = DateTimeOffset.FromUnixTimeSeconds(seconds);
        // Turning remember-me off ends the remembered sessions' extra life too.
        var remembered = options.Value.RememberMe.Enabled
            && string.Equals(principal.FindFirst(GatewayClaims.Remembered)?.Value, "true", StringComparison.OrdinalIgnoreCase);
        return new Session(id, authTime, remembered, EndOf(authTime, remembered))
        {
            SecondFactor = GatewayClaims.HasSecondFactor(principal),
        };
    }

    /// <summary>
    /// How long the browser keeps naming this session as its last sign-in (the token cookie's companion): as long as
    /// any remember-me credential already in the browser when it signed in could still restore a session, so none of
    /// them ever does (see <c>TokenCookies.MayRestore</c>).
    /// </summary>
    public DateTimeOffset LastSignInKeptUntil(Session session) =>
        options.Value.RememberMe.Enabled ? session.AuthTime + options.Value.RememberMe.Lifetime : session.AuthTime;

    /// <summary>Read at each use, so an operator who shortens a lifetime shortens the sessions already running.</summary>
    public DateTimeOffset EndOf(DateTimeOffset authTime, bool remembered) =>
        authTime + (remembered ? options.Value.RememberMe.Lifetime : options.Value.MaxLifetime);
}
