using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Revocation;
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

        if (everywhere && user.FindFirst(GatewayClaims.Subject)?.Value is { } userId)
        {
            var cutOff = await signOutEverywhere.RunAsync(userId, context.RequestAborted);
            AccountLog.LoggedOutEverywhere(logger, userId, cutOff);
            await audit.RecordAsync(context, AuditEvents.LogoutEverywhere, userId, userId);
        }
        else if (signedIn && sessions.Read(user) is { } session)
        {
            // The session, not the token: the tokens refreshed from it, earlier and later, and its remember-me credential.
            await revocation.RevokeSessionAsync(session.Id, session.EndsAt, context.RequestAborted);
            var subject = user.FindFirst(GatewayClaims.Subject)?.Value;
            AuthLog.LoggedOut(logger, subject ?? "?");
            await audit.RecordAsync(context, AuditEvents.Logout, subject, subject);
        }
        else if (signedIn
            && user.FindFirst(GatewayClaims.TokenId)?.Value is { } tokenId
            && context.TokenExpiresAt() is { } expires)
        {
            await revocation.RevokeAsync(tokenId, expires, context.RequestAborted);
            var subject = user.FindFirst(GatewayClaims.Subject)?.Value;
            AuthLog.LoggedOut(logger, subject ?? "?");
            await audit.RecordAsync(context, AuditEvents.Logout, subject, subject);
        }

        cookies.Delete(context);
        var reason = everywhere && signedIn ? "logged_out_everywhere" : "logged_out";
        Replies.Succeeded(context, options.Value.LoginPath + "?reason=" + reason);
    }

    /// <summary>?everywhere=true ends every token of the user, not only this one; absent means false.</summary>
    private static bool TryReadEverywhere(HttpRequest request, out bool everywhere)
    {
        everywhere = false;
        var values = request.Query["everywhere"];
        return values.Count == 0 || (values.Count == 1 && bool.TryParse(values[0], out everywhere));
    }
}
