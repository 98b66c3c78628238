using Gateway.RequestPath.Token;
using Gateway.Responses;
using Microsoft.AspNetCore.Antiforgery;

namespace Gateway.Accounts.Sessions;

/// <summary>
/// <c>POST /auth/refresh</c>: a new token of the caller's session, for API clients (Bearer tokens are never refreshed
/// implicitly) and for a page's own scripts.
/// </summary>
internal static class RefreshEndpoints
{
    private static readonly HttpError Unauthorized = HttpError.Of(StatusCodes.Status401Unauthorized, "unauthorized",
        "Send a valid token in the cookie or as Authorization: Bearer <token>, or sign in again.");

    private static readonly HttpError SessionEnded = HttpError.Of(StatusCodes.Status401Unauthorized, "session_ended",
        "This session has reached its maximum lifetime or was signed out. Sign in again.");

    private static readonly HttpError ScriptRequired = HttpError.Of(StatusCodes.Status400BadRequest, "script_required",
        "A cookie session is refreshed by the page's script: send Content-Type: application/json or X-Requested-With: XMLHttpRequest.");

    public static void MapRefresh(this RouteGroupBuilder group) => group.MapPost("/refresh", RefreshAsync);

    private static async Task RefreshAsync(HttpContext context, SessionRefresh refresh, Replies replies, IAntiforgery antiforgery)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await replies.ErrorAsync(context, Unauthorized);
            return;
        }

        // The cookie rides along on any request to this host. A cross-site page can send neither a JSON Content-Type
        // nor X-Requested-With without a CORS preflight, which the gateway never grants; a form must carry the token.
        var fromCookie = context.GetTokenSource() == TokenSource.Cookie;
        if (fromCookie && !IsScript(context.Request)
            && (!RequestKinds.HasFormBody(context.Request) || !await antiforgery.IsRequestValidAsync(context)))
        {
            await replies.ErrorAsync(context, ScriptRequired);
            return;
        }

        if (await refresh.RefreshAsync(context, context.User, setCookie: fromCookie) is not { } token)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await replies.ErrorAsync(context, SessionEnded);
            return;
        }

        await Replies.JsonAsync(context, StatusCodes.Status200OK, new { token = token.Value, expiresAt = token.ExpiresAt });
    }

    private static bool IsScript(HttpRequest request) =>
        RequestKinds.HasJsonBody(request) || request.Headers.ContainsKey("X-Requested-With");
}
