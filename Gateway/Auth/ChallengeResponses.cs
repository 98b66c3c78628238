using Gateway.Configuration;
using Gateway.Pages;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>What a request without a valid token gets: browsers a redirect to sign in, API callers a 401 in JSON.</summary>
internal sealed class ChallengeResponses(IOptions<GatewayOptions> options, PageRenderer pages)
{
    public Task ChallengeAsync(HttpContext context, bool tokenPresented, bool expired)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";

        if (RequestKind.IsBrowser(request))
        {
            // 303 makes the browser GET the login page after a POST; 302 keeps GET and HEAD as they are.
            response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                ? StatusCodes.Status302Found
                : StatusCodes.Status303SeeOther;
            response.Headers.Location = LoginLocation(request, expired);
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

    private string LoginLocation(HttpRequest request, bool expired)
    {
        var original = UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString);
        var location = $"{options.Value.LoginPath}?returnUrl={Uri.EscapeDataString(original)}";
        return expired ? location + "&reason=expired" : location;
    }
}
