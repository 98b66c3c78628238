using Gateway.Accounts;
using Gateway.Hosting.DataProtection;
using Gateway.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Hosting;

internal static class ErrorHandlingExtensions
{
    public static IServiceCollection AddGatewayErrorHandling(this IServiceCollection services)
    {
        services.TryAddSingleton<ExceptionAnswers>();
        return services;
    }

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
            // Resolved once: the handler's services are singletons, so no request looks them up.
            ExceptionHandler = app.ApplicationServices.GetRequiredService<ExceptionAnswers>().AnswerAsync,
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
}
