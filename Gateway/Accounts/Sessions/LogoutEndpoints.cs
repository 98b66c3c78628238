using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.Sessions;

internal static class LogoutEndpoints
{
    private static readonly HttpError BadEverywhere =
        HttpError.Of(StatusCodes.Status400BadRequest, "invalid_request", "The everywhere parameter must be true or false.");

    private static readonly HttpError FormRequired = HttpError.Of(StatusCodes.Status400BadRequest, "antiforgery_required",
        "A cookie session is signed out with the gateway's sign-out form, or by this site's own scripts sending " +
        "X-Requested-With; a script elsewhere sends Authorization: Bearer <token> instead.");

    private static readonly HttpError EverywhereNeedsToken = HttpError.Of(StatusCodes.Status401Unauthorized, "unauthorized",
        "Logging out everywhere needs a valid token: send it in the cookie or as Authorization: Bearer <token>.");

    private static readonly HttpError SignedOutHereOnly = StoreOutage.SignInUnavailable("store_unavailable", "its user store") with
    {
        Heading = "Signed out here only",
        Body = new ErrorBody("store_unavailable",
            "You are signed out here, but your other sessions could not be ended: the gateway cannot reach its user store. " +
            $"Sign in again in {(int)StoreOutage.RetryAfter.TotalSeconds} seconds and sign out everywhere once more."),
    };

    public static void MapLogout(this RouteGroupBuilder group)
    {
        // GET only asks: signing out on a GET would let any page log the user out with an <img> tag.
        group.MapGet("/logout", (HttpContext context, Replies replies) => replies.PageAsync(context, new LogoutPage()));
        group.MapPost("/logout", SubmitAsync);
    }

    private static async Task SubmitAsync(
        HttpContext context,
        ITokenRevocation revocation,
        SignOutEverywhere signOutEverywhere,
        SessionPolicy sessions,
        TokenCookies cookies,
        Replies replies,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        ILoggerFactory loggers,
        AuditTrail audit)
    {
        var logger = loggers.CreateLogger(typeof(LogoutEndpoints));
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        if (!TryReadEverywhere(context.Request, out var everywhere))
        {
            await replies.ErrorAsync(context, BadEverywhere);
            return;
        }

        // A cookie session is only ended by the gateway's own form or the site's own scripts (CSRF); a Bearer caller
        // proves itself with the header.
        if (signedIn && context.GetTokenSource() == TokenSource.Cookie
            && !ScriptSignOut.IsAllowed(context.Request, logger)
            && (!RequestKinds.HasFormBody(context.Request) || !await antiforgery.IsRequestValidAsync(context)))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await replies.ErrorAsync(context, FormRequired, new LogoutPage { Error = "Please confirm that you want to sign out." });
            return;
        }

        if (everywhere && !signedIn && RequestKinds.Of(context.Request) == RequestKind.Api)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await replies.ErrorAsync(context, EverywhereNeedsToken);
            return;
        }

        // This session ends first, whatever follows: whoever pressed the button walks away signed out here even when
        // the other sessions cannot be ended now.
        var subject = user.FindFirst(GatewayClaims.Subject)?.Value;
        var ended = signedIn && await EndThisSessionAsync(context, revocation, sessions);
        cookies.Delete(context);

        if (everywhere && subject is not null)
        {
            try
            {
                var cutOff = await signOutEverywhere.RunAsync(subject, context.RequestAborted);
                AccountLog.LoggedOutEverywhere(logger, subject, cutOff);
                await audit.RecordAsync(context, AuditEvents.LogoutEverywhere, subject, subject);
            }
            catch (UserStoreUnavailableException unavailable)
            {
                StoreOutageLog.Answered(logger, context.Request.Path, unavailable.Message);
                AuthLog.LoggedOut(logger, subject);
                await audit.RecordAsync(context, AuditEvents.Logout, subject, subject);
                await replies.ErrorAsync(context, SignedOutHereOnly);
                return;
            }
        }
        else if (ended)
        {
            AuthLog.LoggedOut(logger, subject ?? "?");
            await audit.RecordAsync(context, AuditEvents.Logout, subject, subject);
        }

        var reason = everywhere && signedIn ? "logged_out_everywhere" : "logged_out";
        Replies.Succeeded(context, options.Value.LoginPath + "?reason=" + reason);
    }

    /// <summary>Revokes the session, not the token: the tokens refreshed from it, earlier and later, and its remember-me credential.</summary>
    /// <returns>False when the token names neither a session nor an expiry to revoke it until.</returns>
    private static async Task<bool> EndThisSessionAsync(HttpContext context, ITokenRevocation revocation, SessionPolicy sessions)
    {
        var user = context.User;
        if (sessions.Read(user) is { } session)
        {
            await revocation.RevokeSessionAsync(session.Id, session.EndsAt, context.RequestAborted);
            return true;
        }

        if (user.FindFirst(GatewayClaims.TokenId)?.Value is { } tokenId && context.TokenExpiresAt() is { } expires)
        {
            await revocation.RevokeAsync(tokenId, expires, context.RequestAborted);
            return true;
        }

        return false;
    }

    /// <summary>?everywhere=true ends every token of the user, not only this one; absent means false.</summary>
    private static bool TryReadEverywhere(HttpRequest request, out bool everywhere)
    {
        everywhere = false;
        var values = request.Query["everywhere"];
        return values.Count == 0 || (values.Count == 1 && bool.TryParse(values[0], out everywhere));
    }
}
