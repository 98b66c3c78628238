using Gateway.Hosting.Options;
using Gateway.Pages;
using Gateway.Responses;
using Gateway.Storage;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Token;

/// <summary>What a request without a valid token gets: browsers a redirect to sign in, API callers a 401 in JSON.</summary>
internal sealed class ChallengeResponses(
    IOptions<GatewayOptions> options, Replies replies, TokenCookies cookies, GatewayMetrics metrics, ILoggerFactory loggers)
{
    private readonly ILogger _storeOutage = loggers.CreateLogger(typeof(StoreOutage));

    public const string ExpiredReason = "expired";
    public const string CookieConflictReason = "cookie_conflict";
    public const string SecondFactorReason = "second_factor";

    private static readonly HttpError Forbidden = HttpError.Of(StatusCodes.Status403Forbidden,
        "forbidden", "You are signed in, but your account may not use this page.") with { Heading = "You don't have access to this page" };

    /// <param name="revoked">The token was refused because it was revoked: counted apart, answered like any refusal.</param>
    public Task ChallengeAsync(HttpContext context, bool tokenPresented, bool expired, bool revoked = false)
    {
        // RFC 6750 section 3: a bare challenge when no token was sent, invalid_token when one was refused.
        var challenge = !tokenPresented
            ? "Bearer"
            : expired
                ? "Bearer error=\"invalid_token\", error_description=\"The token expired\""
                : "Bearer error=\"invalid_token\"";
        var error = expired
            ? HttpError.Of(StatusCodes.Status401Unauthorized, "token_expired", $"Your session has expired. Sign in again at {options.Value.LoginPath}.")
            : HttpError.Of(StatusCodes.Status401Unauthorized, "unauthorized", $"Sign in at {options.Value.LoginPath}, or send Authorization: Bearer <token>.");
        var decision = expired ? AuthDecision.Expired : revoked ? AuthDecision.Revoked : (AuthDecision?)null;
        return SignInAsync(context, expired ? ExpiredReason : null, challenge, error, decision);
    }

    /// <summary>A remembered session that could not be restored because the user store is unreachable: 503, try again.</summary>
    public Task StoreOutageAsync(HttpContext context, UserStoreUnavailableException unavailable) =>
        replies.ErrorAsync(context, StoreOutage.Answer(_storeOutage, context, unavailable));

    /// <summary>
    /// Several token cookies of the exact name: signing in again would not help, since the browser would send both
    /// again, so the login page is told to ask the person to clear this site's cookies.
    /// </summary>
    public Task CookieConflictAsync(HttpContext context)
    {
        cookies.ExpireCaseVariants(context);
        return SignInAsync(context, CookieConflictReason,
            "Bearer error=\"invalid_token\", error_description=\"Several token cookies\"",
            HttpError.Of(StatusCodes.Status401Unauthorized, CookieConflictReason,
                $"The request carried more than one {cookies.Name} cookie. Clear the cookies for this site, then sign in again at {options.Value.LoginPath}."));
    }

    public Task ForbiddenAsync(HttpContext context) => (context.Features.Get<IGatewayRequestFeature>()?.SecondFactorRefusal ?? SecondFactorRefusal.None) switch
    {
        // RFC 9470 section 3: the token is valid but its authentication is not strong enough; a new sign-in will be.
        SecondFactorRefusal.SignInAgain => SignInAsync(context, SecondFactorReason,
            "Bearer error=\"insufficient_user_authentication\", error_description=\"Sign in with your second factor\"",
            HttpError.Of(StatusCodes.Status401Unauthorized, "insufficient_user_authentication",
                $"This page needs the code from your authenticator app: sign in again at {options.Value.LoginPath}.")),
        SecondFactorRefusal.MustEnrol when RequestKinds.Of(context.Request) != RequestKind.Api =>
            RedirectAsync(context, options.Value.SecondFactorPath),
        SecondFactorRefusal.MustEnrol or SecondFactorRefusal.NotEnrolled => SecondFactorRequiredAsync(context),
        _ => PlainForbiddenAsync(context),
    };

    private Task PlainForbiddenAsync(HttpContext context)
    {
        metrics.AuthDecided(AuthDecision.Forbidden);
        return replies.ErrorAsync(context, Forbidden);
    }

    /// <summary>403 with a page that links to enrolment, and comes back here afterwards.</summary>
    private Task SecondFactorRequiredAsync(HttpContext context)
    {
        metrics.AuthDecided(AuthDecision.Forbidden);
        var error = HttpError.Of(StatusCodes.Status403Forbidden, "second_factor_required",
            "This page needs two-step sign-in. Set it up with an authenticator app, then come back.")
            with { Heading = "Two-step sign-in required" };
        var enrol = $"{options.Value.SecondFactorPath}?returnUrl={Uri.EscapeDataString(Original(context.Request))}";
        return replies.ErrorAsync(context, error, new ErrorPage(error.Heading!, error.Body.Message)
        {
            ActionUrl = enrol,
            ActionText = "Set up two-step sign-in",
        });
    }

    private Task RedirectAsync(HttpContext context, string path)
    {
        metrics.AuthDecided(AuthDecision.Redirected);
        var request = context.Request;
        context.Response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? StatusCodes.Status302Found
            : StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = $"{path}?returnUrl={Uri.EscapeDataString(Original(request))}";
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    private static string Original(HttpRequest request) =>
        UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString);

    /// <summary>A browser goes to the login page (and comes back afterwards); an API caller gets the 401.</summary>
    /// <param name="decision">What to count; by default, what the caller gets: a redirect or a 401.</param>
    private Task SignInAsync(HttpContext context, string? reason, string challenge, HttpError error, AuthDecision? decision = null)
    {
        var request = context.Request;
        var response = context.Response;
        var api = RequestKinds.Of(request) == RequestKind.Api;
        metrics.AuthDecided(decision ?? (api ? AuthDecision.Unauthorized : AuthDecision.Redirected));
        if (api)
        {
            response.Headers.WWWAuthenticate = challenge;
            return replies.ErrorAsync(context, error);
        }

        // 303 makes the browser GET the login page after a POST; 302 keeps GET and HEAD as they are.
        response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? StatusCodes.Status302Found
            : StatusCodes.Status303SeeOther;
        var original = UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString);
        var location = $"{options.Value.LoginPath}?returnUrl={Uri.EscapeDataString(original)}";
        response.Headers.Location = reason is null ? location : $"{location}&reason={reason}";
        response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
