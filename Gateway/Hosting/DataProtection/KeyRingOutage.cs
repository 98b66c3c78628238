using Gateway.Responses;
using StackExchange.Redis;

namespace Gateway.Hosting.DataProtection;

/// <summary>
/// The key ring lives in Redis and has never been read because Redis cannot be reached (once read, ASP.NET Core keeps
/// using it through an outage): the forms cannot be sealed, so the gateway's pages answer 503 with Retry-After rather
/// than a 500. Proxying needs no key ring and goes on.
/// </summary>
internal static partial class KeyRingOutage
{
    /// <summary>Whether Redis not answering is what made <paramref name="exception"/> (data protection wraps it).</summary>
    public static bool IsCause(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is RedisException or RedisTimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    public static HttpError Answer(ILogger logger, HttpContext context, Exception exception)
    {
        LogUnavailable(logger, context.Request.Path, exception.GetBaseException().GetType().Name);
        return StoreOutage.SignInUnavailable("keys_unavailable", "Redis, where its form keys are kept");
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Warning,
        Message = "Answered {Path} 503 keys_unavailable: the data-protection key ring could not be read from Redis ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, string path, string reason);
}
