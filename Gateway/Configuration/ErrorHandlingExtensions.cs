using Gateway.Auth;
using Gateway.Endpoints;
using Gateway.Pages;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Configuration;

internal static class ErrorHandlingExtensions
{
    /// <summary>An unexpected failure answers a plain 500, in every environment: never a stack trace.</summary>
    public static IApplicationBuilder UseGatewayErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var error = BadRequests.Answer(context) ?? new HttpError(StatusCodes.Status500InternalServerError, new ErrorBody(
                    "internal_error", "Something went wrong on our side. Try again; if it keeps happening, tell your administrator."));
                var pages = context.RequestServices.GetRequiredService<PageRenderer>();
                return AuthResponses.ErrorAsync(context, pages, error);
            },
            // A client that hung up is not an error worth a 500 page.
            StatusCodeSelector = exception => exception switch
            {
                OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
            // BadRequests logs its own line; the middleware's would add a stack trace for what is the client's fault.
            SuppressDiagnosticsCallback = context => BadRequests.IsClientFault(context.Exception),
        });
}
