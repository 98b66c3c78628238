using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage.Redis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Checks;

/// <summary>
/// Fail closed, when the operator chose it with Gateway:Redis:MaxStaleness: past that limit out of sync, a protected
/// route answers 503 rather than accept a token another instance may have revoked. Anonymous routes and the gateway's
/// own pages (sign-in, sign-out, health) keep working.
/// </summary>
internal sealed class StaleRevocationGuard(
    RequestDelegate next, RedisSyncState state, IOptions<RedisOptions> options, Replies replies)
{
    internal static readonly HttpError Paused = HttpError.Of(StatusCodes.Status503ServiceUnavailable, "revocation_unavailable",
        "Sign-in checks are temporarily unavailable, so protected pages are paused. Try again in a moment.") with
    {
        Heading = "This page is paused",
        RetryAfter = TimeSpan.FromSeconds(5),
    };

    public Task InvokeAsync(HttpContext context)
    {
        if (!state.IsStale(options.Value.MaxStaleness)
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        return replies.ErrorAsync(context, Paused);
    }
}

internal static class StaleRevocationGuardExtensions
{
    /// <summary>Answers 503 on protected routes once the view is staler than Gateway:Redis:MaxStaleness; nothing when unset.</summary>
    public static IApplicationBuilder UseRevocationStalenessLimit(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<RedisOptions>>().Value;
        return options.Enabled && options.MaxStaleness is not null ? app.UseMiddleware<StaleRevocationGuard>() : app;
    }
}
