using Gateway.Responses;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Configuration;

internal static class ErrorHandlingExtensions
{
    private static readonly HttpError Unexpected = HttpError.Of(StatusCodes.Status500InternalServerError,
        "internal_error", "Something went wrong on our side. Try again; if it keeps happening, tell your administrator.");

    /// <summary>An unexpected failure answers a plain 500, in every environment: never a stack trace.</summary>
    public static IApplicationBuilder UseGatewayErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
                context.RequestServices.GetRequiredService<Replies>().ErrorAsync(context, Unexpected),
            // A client that hung up is not an error worth a 500 page.
            StatusCodeSelector = exception => exception is OperationCanceledException
                ? StatusCodes.Status499ClientClosedRequest
                : StatusCodes.Status500InternalServerError,
        });
}
