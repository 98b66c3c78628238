using Gateway.Accounts;
using Gateway.Administration.Cli;
using Gateway.Hosting.DataProtection;
using Gateway.Responses;
using Gateway.Storage;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Hosting;

internal static class ErrorHandlingExtensions
{
    private static readonly HttpError Unexpected = HttpError.Of(StatusCodes.Status500InternalServerError,
        "internal_error", "Something went wrong on our side. Try again; if it keeps happening, tell your administrator.");

    /// <summary>
    /// An unexpected failure answers a plain 500, in every environment: never a stack trace. A password hash refused
    /// because hashing is saturated answers 503 with Retry-After (RFC 9110 section 10.2.3), from whichever endpoint
    /// asked for it, and is logged as one warning line: it is load, not a bug. So do a user store that cannot be reached
    /// (<see cref="StoreOutage"/>) and a key ring in a Redis that cannot be reached (<see cref="KeyRingOutage"/>): an
    /// outage, not a bug. A request Kestrel could not read (a body cut short, or slower than its minimum data rate)
    /// answers Kestrel's 400/408/413 with one warning line.
    /// </summary>
    public static IApplicationBuilder UseGatewayErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var error = exception switch
                {
                    HashingBusyException busy => Busy(context, busy),
                    UserStoreUnavailableException unavailable => StoreOutage.Answer(context, unavailable),
                    BadHttpRequestException bad => BadRequests.Answer(context, bad),
                    not null when KeyRingOutage.IsCause(exception) => KeyRingOutage.Answer(context, exception),
                    _ => Unexpected,
                };
                return context.RequestServices.GetRequiredService<Replies>().ErrorAsync(context, error);
            },
            // A client that hung up is not an error worth a 500 page.
            StatusCodeSelector = exception => exception switch
            {
                OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
                BadHttpRequestException bad => bad.StatusCode,
                _ when IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            // The middleware would log these as unhandled errors with their stack trace; each logs one line instead.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException || IsUnavailable(context.Exception),
        });

    /// <summary>Load or an outage, answered 503 with Retry-After: the ones the handler's switch maps to their own answer.</summary>
    private static bool IsUnavailable(Exception exception) =>
        exception is HashingBusyException or UserStoreUnavailableException || KeyRingOutage.IsCause(exception);

    private static HttpError Busy(HttpContext context, HashingBusyException busy)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<HashingThreads>>();
        HashingLog.Busy(logger, context.Request.Path, busy.Message);
        context.RequestServices.GetRequiredService<GatewayMetrics>().AttemptRefused(context, busy: true);
        var seconds = Math.Max(1, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds));
        return HttpError.Of(StatusCodes.Status503ServiceUnavailable,
            "busy", $"Too many sign-ins are being processed right now. Wait {seconds} seconds and try again.") with
        {
            Heading = "We're busy right now",
            RetryAfter = TimeSpan.FromSeconds(seconds),
        };
    }
}
