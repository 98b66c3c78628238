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
        TokenCookies cookies,
        PageRenderer pages,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        ILogger<TokenCookies> logger)
    {
        var user = context.User;
        var fromCookie = context.GetTokenSource() == TokenSource.Cookie;

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

        if (user.Identity?.IsAuthenticated == true
            && user.FindFirst(GatewayClaims.TokenId)?.Value is { } tokenId
            && long.TryParse(user.FindFirst(GatewayClaims.Expires)?.Value, out var expires))
        {
            await revocation.RevokeAsync(tokenId, DateTimeOffset.FromUnixTimeSeconds(expires), context.RequestAborted);
            AuthLog.LoggedOut(logger, user.FindFirst(GatewayClaims.Subject)?.Value ?? "?");
        }

        cookies.Delete(context);
        context.Response.Headers.CacheControl = "no-store";
        if (RequestKind.IsBrowser(context.Request) || RequestKind.IsForm(context.Request))
        {
            AuthResponses.SeeOther(context, options.Value.LoginPath + "?reason=logged_out");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
