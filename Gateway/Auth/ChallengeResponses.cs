using Gateway.Configuration;
using Gateway.Pages;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>What a request without a valid token gets: browsers a redirect to sign in, API callers a 401 in JSON.</summary>
internal sealed class ChallengeResponses(IOptions<GatewayOptions> options, PageRenderer pages, TokenCookies cookies)
{
    public const string ExpiredReason = "expired";
    public const string CookieConflictReason = "cookie_conflict";

    public Task ChallengeAsync(HttpContext context, bool tokenPresented, bool expired)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";

        if (RequestKind.IsBrowser(request))
        {
            RedirectToLogin(context, expired ? ExpiredReason : null);
            return Task.CompletedTask;
        }

        // RFC 6750 section 3: a bare challenge when no token was sent, invalid_token when one was refused.
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = !tokenPresented
            ? "Bearer"
            : expired
                ? "Bearer error=\"invalid_token\", error_description=\"The token expired\""
                : "Bearer error=\"invalid_token\"";
        return response.WriteAsJsonAsync(expired
            ? new ErrorBody("token_expired", $"Your session has expired. Sign in again at {options.Value.LoginPath}.")
            : new ErrorBody("unauthorized", $"Sign in at {options.Value.LoginPath}, or send Authorization: Bearer <token>."));
    }

    /// <summary>
    /// Several token cookies of the exact name: signing in again would not help, since the browser would send both
    /// again, so the login page is told to ask the person to clear this site's cookies.
    /// </summary>
    public Task CookieConflictAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        cookies.ExpireCaseVariants(context);
        if (RequestKind.IsBrowser(context.Request))
        {
            RedirectToLogin(context, CookieConflictReason);
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"Several token cookies\"";
        return response.WriteAsJsonAsync(new ErrorBody(CookieConflictReason,
            $"The request carried more than one {cookies.Name} cookie. Clear the cookies for this site, then sign in again at {options.Value.LoginPath}."));
    }

    public Task ForbiddenAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!RequestKind.IsBrowser(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(new ErrorBody("forbidden", "Your account may not use this page."));
        }

        return pages.WriteAsync(context, Page.Error, StatusCodes.Status403Forbidden, new Dictionary<string, object?>
        {
            ["heading"] = "You don't have access to this page",
            ["message"] = "You are signed in, but your account may not use this page.",
        });
    }

    private void RedirectToLogin(HttpContext context, string? reason)
    {
        var request = context.Request;

        // 303 makes the browser GET the login page after a POST; 302 keeps GET and HEAD as they are.
        context.Response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? StatusCodes.Status302Found
            : StatusCodes.Status303SeeOther;
        var original = UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString);
        var location = $"{options.Value.LoginPath}?returnUrl={Uri.EscapeDataString(original)}";
        context.Response.Headers.Location = reason is null ? location : $"{location}&reason={reason}";
    }
}
