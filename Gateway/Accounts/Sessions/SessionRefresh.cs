using System.Security.Claims;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage;
using Gateway.Telemetry;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.Sessions;

/// <summary>
/// Continues a session with a new token: implicitly for a cookie past half its token's life (sliding), on request
/// (<c>POST /auth/refresh</c>), or from a remember-me credential once the token is gone. The new token has a new jti and
/// a full lifetime, never past the session's end; the session must not be revoked and its sign-in must not be before
/// the user's cut-off, checked against the user store too (the view forgets a cut-off one token lifetime after it).
/// </summary>
internal sealed class SessionRefresh(
    SessionPolicy sessions,
    TokenIssuer issuer,
    TokenCookies cookies,
    RememberMeCredential remember,
    IUserStore users,
    ITokenRevocation revocation,
    GatewayMetrics metrics,
    IOptions<JwtOptions> jwt,
    TimeProvider time,
    ILogger<SessionRefresh> logger) : ISessionContinuation
{
    private readonly long _halfLifetimeMilliseconds = (long)(jwt.Value.Lifetime.TotalMilliseconds / 2);
    private readonly bool _sliding = sessions.Options.Sliding;

    // 1 while sliding refreshes fail for want of the user store: the outage is logged once, not on every request.
    private int _storeUnreachable;

    /// <summary>
    /// Whether a token read from the cookie should be replaced on this response: one comparison on the validated
    /// token's exp, so requests that need no refresh pay nothing. Never for a Bearer token: its holder refreshes it.
    /// </summary>
    public bool IsDue(HttpContext context, long expiresAt) =>
        _sliding
        && expiresAt * 1000 - time.GetUtcNow().ToUnixTimeMilliseconds() < _halfLifetimeMilliseconds
        && context.GetTokenSource() == TokenSource.Cookie;

    /// <summary>A new token for the validated token's session, also set as the cookie when <paramref name="setCookie"/>.</summary>
    /// <returns>Null when the session cannot be continued: no session, past its end, revoked, or its user gone.</returns>
    public async Task<IssuedToken?> RefreshAsync(HttpContext context, ClaimsPrincipal principal, bool setCookie)
    {
        if (context.Features.Get<IGatewayRequestFeature>()?.RefreshedToken is { } issued)
        {
            return issued;
        }

        if (principal.FindFirst(GatewayClaims.Subject)?.Value is not { } userId || sessions.Read(principal) is not { } session)
        {
            return null;
        }

        var token = await ContinueAsync(context, userId, session, principal.FindFirst(GatewayClaims.TokenId)?.Value);
        if (token is not null)
        {
            if (setCookie)
            {
                cookies.Append(context, token, sessions.LastSignInKeptUntil(session));
            }

            SessionLog.Refreshed(logger, session.Id, userId);
            metrics.SessionContinued(SessionContinuation.Refreshed);
        }

        return token;
    }

    /// <summary>
    /// The implicit refresh of a cookie past half its token's life. The token is still valid, so a user store that
    /// cannot be reached only postpones the refresh: the request goes on with the token it has.
    /// </summary>
    public async Task SlideAsync(HttpContext context, ClaimsPrincipal principal)
    {
        try
        {
            await RefreshAsync(context, principal, setCookie: true);
            if (Interlocked.Exchange(ref _storeUnreachable, 0) == 1)
            {
                StoreOutageLog.SlidingResumed(logger);
            }
        }
        catch (UserStoreUnavailableException unavailable)
        {
            if (Interlocked.Exchange(ref _storeUnreachable, 1) == 0)
            {
                StoreOutageLog.SlidingSkipped(logger, unavailable.Message);
            }
        }
    }

    /// <summary>
    /// A new token cookie from a remember-me credential, unless this browser's last sign-in was another session; the
    /// cookie is forgotten when it restores nothing.
    /// </summary>
    public async Task<IssuedToken?> RestoreAsync(HttpContext context, string credential)
    {
        var remembered = await remember.ReadAsync(credential);
        if (remembered is not null && !cookies.MayRestore(context.Request, remembered.Session.Id))
        {
            SessionLog.RememberCookieOfAnotherSession(logger, remembered.Session.Id, remembered.UserId);
            remembered = null;
        }

        var token = remembered is null ? null : await ContinueAsync(context, remembered.UserId, remembered.Session, tokenId: null);
        if (token is null)
        {
            cookies.DeleteRemembered(context);
            return null;
        }

        cookies.Append(context, token, sessions.LastSignInKeptUntil(remembered!.Session));
        SessionLog.Restored(logger, remembered!.Session.Id, remembered.UserId);
        metrics.SessionContinued(SessionContinuation.Restored);
        return token;
    }

    private async Task<IssuedToken?> ContinueAsync(HttpContext context, string userId, Session session, string? tokenId)
    {
        // A token needs at least a second of life (exp after nbf); a session with less left is over.
        var reason = session.EndsAt - time.GetUtcNow() < TimeSpan.FromSeconds(1) ? "it reached its maximum lifetime"
            : revocation.IsRevoked(tokenId ?? "", session.Id, userId, session.AuthTime) ? "it was signed out"
            : null;
        var user = reason is null ? await users.FindByIdAsync(userId, context.RequestAborted) : null;
        if (reason is null && user is null)
        {
            reason = "the user no longer exists";
        }
        else if (user is not null && TokenCutOff.Ends(user.TokensValidAfter.ToUnixTimeSeconds(), session.AuthTime.ToUnixTimeSeconds()))
        {
            reason = "the user signed out everywhere or changed the password since";
        }

        if (reason is not null)
        {
            SessionLog.Refused(logger, session.Id, userId, reason);
            return null;
        }

        var token = issuer.Issue(user!, session);
        context.GatewayRequest().RefreshedToken = token;
        return token;
    }
}
