using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>The <c>Gateway:RateLimit</c> section.</summary>
internal sealed class AuthRateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Login and register posts allowed per client address per minute; 0 turns the limit off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:RateLimit:AttemptsPerMinute must be 0 (off) or a positive number.")]
    public int AttemptsPerMinute { get; set; } = 30;
}

/// <summary>Slows password guessing: a fixed window of attempts per client address on the login and register posts.</summary>
internal static class AuthRateLimiting
{
    public const string Policy = "auth-attempts";

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services)
    {
        services.AddGatewaySection<AuthRateLimitOptions>(AuthRateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AuthRateLimitOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var permits = settings.Value.AttemptsPerMinute;
                return permits == 0
                    ? RateLimitPartition.GetNoLimiter("off")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                response.Headers.CacheControl = "no-store";
                await response.WriteAsJsonAsync(
                    new ErrorBody("too_many_attempts", "Too many attempts from your address. Wait a minute, then try again."),
                    cancellationToken);
            };
        });
        return services;
    }
}
