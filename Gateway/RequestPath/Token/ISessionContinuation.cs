using System.Security.Claims;

using Gateway.Tokens;

namespace Gateway.RequestPath.Token;

/// <summary>
/// How the token check continues a cookie session: a sliding refresh when the token is past half its life, and a
/// remembered session when the browser dropped the token cookie. Implemented by the sessions slice.
/// </summary>
internal interface ISessionContinuation
{
    bool IsDue(HttpContext context, long expiresAt);

    Task SlideAsync(HttpContext context, ClaimsPrincipal principal);

    /// <returns>Null when the credential does not bring a session back.</returns>
    Task<IssuedToken?> RestoreAsync(HttpContext context, string credential);
}
