using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Pages;
using Gateway.Revocation;
using Gateway.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

internal static class LogoutEndpoints
{
    public static void MapLogout(this RouteGroupBuilder group)
    {
        // GET only asks: signing out on a GET would let any page log the user out with an <img> tag.
        group.MapGet("/logout", (HttpContext context, PageRenderer pages) =>
            pages.WriteAsync(context, Page.Logout, StatusCodes.Status200OK, new Dictionary<string, object?>()));
        group.MapPost("/logout", SubmitAsync);
    }

    private static async Task SubmitAsync(
        HttpContext context,
        ITokenRevocation revocation,
        SignOutEverywhere signOutEverywhere,
        TokenCookies cookies,
        PageRenderer pages,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        ILogger<TokenCookies> logger)
    {
        var user = context.User;
        var fromCookie = context.GetTokenSource() == TokenSource.Cookie;
        if (!TryReadEverywhere(context.Request, out var everywhere))
        {
            await AuthResponses.ErrorAsync(context, pages, new HttpError(StatusCodes.Status400BadRequest,
                new ErrorBody("invalid_request", "The everywhere parameter must be true or false.")));
            return;
        }

        // A cookie session is only ended by the gateway's own form (CSRF); a Bearer caller proves itself with the header.
        if (fromCookie && user.Identity?.IsAuthenticated == true
            && (!RequestKind.IsForm(context.Request) || !await antiforgery.IsRequestValidAsync(context)))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await pages.WriteAsync(context, Page.Logout, StatusCodes.Status400BadRequest, new Dictionary<string, object?>
            {
                ["error"] = "Please confirm that you want to sign out.",
            });
            return;
        }

        var browser = RequestKind.IsBrowser(context.Request) || RequestKind.IsForm(context.Request);
        if (everywhere && user.Identity?.IsAuthenticated != true && !browser)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await AuthResponses.JsonAsync(context, StatusCodes.Status401Unauthorized, new ErrorBody("unauthorized",
                "Logging out everywhere needs a valid token: send it in the cookie or as Authorization: Bearer <token>."));
            return;
        }

        if (everywhere && user.FindFirst(GatewayClaims.Subject)?.Value is { } userId)
        {
            var cutOff = await signOutEverywhere.RunAsync(userId, context.RequestAborted);
            AccountLog.LoggedOutEverywhere(logger, userId, cutOff);
        }
        else if (user.Identity?.IsAuthenticated == true
            && user.FindFirst(GatewayClaims.TokenId)?.Value is { } tokenId
            && long.TryParse(user.FindFirst(GatewayClaims.Expires)?.Value, out var expires))
        {
            await revocation.RevokeAsync(tokenId, DateTimeOffset.FromUnixTimeSeconds(expires), context.RequestAborted);
            AuthLog.LoggedOut(logger, user.FindFirst(GatewayClaims.Subject)?.Value ?? "?");
        }

        cookies.Delete(context);
        context.Response.Headers.CacheControl = "no-store";
        if (browser)
        {
            var reason = everywhere && user.Identity?.IsAuthenticated == true ? "logged_out_everywhere" : "logged_out";
            AuthResponses.SeeOther(context, options.Value.LoginPath + "?reason=" + reason);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>?everywhere=true ends every token of the user, not only this one; absent means false.</summary>
    private static bool TryReadEverywhere(HttpRequest request, out bool everywhere)
    {
        everywhere = false;
        var values = request.Query["everywhere"];
        return values.Count == 0 || (values.Count == 1 && bool.TryParse(values[0], out everywhere));
    }
}
