using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Gateway.Responses;
using Gateway.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>The <c>Gateway:RateLimit</c> section.</summary>
internal sealed class AuthRateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Login and register posts allowed per client address per minute; 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:RateLimit:AttemptsPerMinute must be 0 (off) or a positive number.")]
    public int AttemptsPerMinute { get; set; } = 30;

    /// <summary>Failed password checks allowed per username within <see cref="AccountWindow"/>; 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:RateLimit:FailuresPerAccount must be 0 (off) or a positive number.")]
    public int FailuresPerAccount { get; set; } = 10;

    /// <summary>The fixed window failures per account are counted in, starting at the first one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00",
        ErrorMessage = "Gateway:RateLimit:AccountWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Slows password guessing: a fixed window of attempts per client address on the login and register posts.</summary>
internal static class AuthRateLimiting
{
    public const string Policy = "auth-attempts";

    private static readonly HttpError TooManyAttempts = HttpError.Of(StatusCodes.Status429TooManyRequests,
        "too_many_attempts", "Too many attempts from your address. Wait a minute, then try again.");

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services)
    {
        services.AddAccountAttemptLimit();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AuthRateLimitOptions>, GatewayMetrics, Replies>((limiter, settings, metrics, replies) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var permits = settings.Value.AttemptsPerMinute;
                return permits == 0
                    ? RateLimitPartition.GetNoLimiter("off")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        ClientPartition.Of(context.Connection.RemoteIpAddress),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                metrics.AttemptRefused(context, busy: false);
                var error = TooManyAttempts with
                {
                    RetryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
                };
                return new ValueTask(replies.ErrorAsync(context, error));
            };
        });
        return services;
    }
}
