using Gateway.Accounts;
using Gateway.Hosting.DataProtection;
using Gateway.Responses;
using Gateway.Storage;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Hosting;

/// <summary>What the exception handler answers for each exception it knows; anything else is a plain 500.</summary>
internal sealed class ExceptionAnswers(Replies replies, GatewayMetrics metrics, ILoggerFactory loggers)
{
    private static readonly HttpError Unexpected = HttpError.Of(StatusCodes.Status500InternalServerError,
        "internal_error", "Something went wrong on our side. Try again; if it keeps happening, tell your administrator.");

    private readonly ILogger _hashing = loggers.CreateLogger<HashingThreads>();
    private readonly ILogger _storeOutage = loggers.CreateLogger(typeof(StoreOutage));
    private readonly ILogger _badRequests = loggers.CreateLogger(typeof(BadRequests));
    private readonly ILogger _keyRing = loggers.CreateLogger(typeof(KeyRingOutage));

    public Task AnswerAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var error = exception switch
        {
            HashingBusyException busy => Busy(context, busy),
            UserStoreUnavailableException unavailable => StoreOutage.Answer(_storeOutage, context, unavailable),
            BadHttpRequestException bad => BadRequests.Answer(_badRequests, context, bad),
            not null when KeyRingOutage.IsCause(exception) => KeyRingOutage.Answer(_keyRing, context, exception),
            _ => Unexpected,
        };
        return replies.ErrorAsync(context, error);
    }

    private HttpError Busy(HttpContext context, HashingBusyException busy)
    {
        HashingLog.Busy(_hashing, context.Request.Path, busy.Message);
        metrics.AttemptRefused(context, busy: true);
        var seconds = Math.Max(1, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds));
        return HttpError.Of(StatusCodes.Status503ServiceUnavailable,
            "busy", $"Too many sign-ins are being processed right now. Wait {seconds} seconds and try again.") with
        {
            Heading = "We're busy right now",
            RetryAfter = TimeSpan.FromSeconds(seconds),
        };
    }
}
