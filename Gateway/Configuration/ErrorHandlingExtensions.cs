using System.Globalization;
using Gateway.Auth;
using Gateway.Endpoints;
using Gateway.Pages;
using Gateway.Users;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Configuration;

internal static class ErrorHandlingExtensions
{
    /// <summary>
    /// An unexpected failure answers a plain 500, in every environment: never a stack trace. A password hash refused
    /// because hashing is saturated answers 503 with Retry-After (RFC 9110 section 10.2.3), from whichever endpoint
    /// asked for it, and is logged as one warning line: it is load, not a bug.
    /// </summary>
    public static IApplicationBuilder UseGatewayErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var pages = context.RequestServices.GetRequiredService<PageRenderer>();
                if (context.Features.Get<IExceptionHandlerFeature>()?.Error is HashingBusyException busy)
                {
                    return BusyAsync(context, pages, busy);
                }

                var error = new HttpError(StatusCodes.Status500InternalServerError, new ErrorBody(
                    "internal_error", "Something went wrong on our side. Try again; if it keeps happening, tell your administrator."));
                return AuthResponses.ErrorAsync(context, pages, error);
            },
            // A client that hung up is not an error worth a 500 page.
            StatusCodeSelector = exception => exception switch
            {
                OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
                HashingBusyException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            // The middleware would log it as an unhandled error with its stack trace; BusyAsync logs one line instead.
            SuppressDiagnosticsCallback = context => context.Exception is HashingBusyException,
        });

    private static Task BusyAsync(HttpContext context, PageRenderer pages, HashingBusyException busy)
    {
        var logger = context.RequestServices.GetRequiredService<ILogger<HashingThreads>>();
        HashingLog.Busy(logger, context.Request.Path, busy.Message);
        var seconds = Math.Max(1, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return AuthResponses.ErrorAsync(context, pages, new HttpError(StatusCodes.Status503ServiceUnavailable, new ErrorBody(
            "busy", $"Too many sign-ins are being processed right now. Wait {seconds} seconds and try again.")));
    }
}
