using Gateway.Configuration;
using Gateway.Responses;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>What a request without a valid token gets: browsers a redirect to sign in, API callers a 401 in JSON.</summary>
internal sealed class ChallengeResponses(IOptions<GatewayOptions> options, Replies replies)
{
    private static readonly HttpError Forbidden = HttpError.Of(StatusCodes.Status403Forbidden,
        "forbidden", "You are signed in, but your account may not use this page.") with { Heading = "You don't have access to this page" };

    public Task ChallengeAsync(HttpContext context, bool tokenPresented, bool expired)
    {
        var request = context.Request;
        var response = context.Response;

        if (RequestKinds.Of(request) != RequestKind.Api)
        {
            // 303 makes the browser GET the login page after a POST; 302 keeps GET and HEAD as they are.
            response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                ? StatusCodes.Status302Found
                : StatusCodes.Status303SeeOther;
            response.Headers.Location = LoginLocation(request, expired);
            response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }

        // RFC 6750 section 3: a bare challenge when no token was sent, invalid_token when one was refused.
        response.Headers.WWWAuthenticate = !tokenPresented
            ? "Bearer"
            : expired
                ? "Bearer error=\"invalid_token\", error_description=\"The token expired\""
                : "Bearer error=\"invalid_token\"";
        return replies.ErrorAsync(context, expired
            ? HttpError.Of(StatusCodes.Status401Unauthorized, "token_expired", $"Your session has expired. Sign in again at {options.Value.LoginPath}.")
            : HttpError.Of(StatusCodes.Status401Unauthorized, "unauthorized", $"Sign in at {options.Value.LoginPath}, or send Authorization: Bearer <token>."));
    }

    public Task ForbiddenAsync(HttpContext context) => replies.ErrorAsync(context, Forbidden);

    private string LoginLocation(HttpRequest request, bool expired)
    {
        var original = UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString);
        var location = $"{options.Value.LoginPath}?returnUrl={Uri.EscapeDataString(original)}";
        return expired ? location + "&reason=expired" : location;
    }
}
