using Gateway.Auth;
using Gateway.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Gateway.Revocation;

/// <summary>
/// Fail closed, when the operator chose it with Gateway:Redis:MaxStaleness: past that limit out of sync, a protected
/// route answers 503 rather than accept a token another instance may have revoked. Anonymous routes and the gateway's
/// own pages (sign-in, sign-out, health) keep working.
/// </summary>
internal sealed class StaleRevocationGuard(
    RequestDelegate next, RedisSyncState state, IOptions<RedisOptions> options, PageRenderer pages)
{
    private const string Message =
        "Sign-in checks are temporarily unavailable, so protected pages are paused. Try again in a moment.";

    public Task InvokeAsync(HttpContext context)
    {
        if (!state.IsStale(options.Value.MaxStaleness)
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "5";
        response.Headers.CacheControl = "no-store";
        if (RequestKind.IsBrowser(context.Request))
        {
            return pages.WriteAsync(context, Page.Error, StatusCodes.Status503ServiceUnavailable, new Dictionary<string, object?>
            {
                ["heading"] = "This page is paused",
                ["message"] = Message,
            });
        }

        return response.WriteAsJsonAsync(new ErrorBody("revocation_unavailable", Message));
    }
}
