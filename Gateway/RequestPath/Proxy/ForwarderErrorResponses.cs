using Gateway.Responses;
using Gateway.Telemetry.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.RequestPath.Proxy;

/// <summary>Turns YARP's bare 502/503/504 into the gateway's error answer: a page for browsers, JSON for API callers.</summary>
internal sealed partial class ForwarderErrorResponses(
    RequestDelegate next, Replies replies, BackendFailureLog failures, ILogger<ForwarderErrorResponses> logger)
{
    private static readonly HttpError Timeout = Backend(StatusCodes.Status504GatewayTimeout, "backend_timeout",
        "The application is taking too long", "The application behind this gateway did not answer in time. Try again in a moment.");

    private static readonly HttpError Unavailable = Backend(StatusCodes.Status503ServiceUnavailable, "backend_unavailable",
        "The application is unavailable",
        "No instance of the application behind this gateway is available right now. Try again in a moment.");

    private static readonly HttpError Unreachable = Backend(StatusCodes.Status502BadGateway, "backend_unreachable",
        "The application is unreachable", "The gateway could not reach the application behind it. Try again in a moment.");

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        var response = context.Response;
        if (context.GetForwarderErrorFeature() is not { } failure)
        {
            return;
        }

        if (ClientFaults.IsClientFault(failure.Exception))
        {
            ClientFault(logger, context.Request.Method, context.Request.Path, response.StatusCode, failure.Error);
        }
        else if (!context.RequestAborted.IsCancellationRequested)
        {
            // A client that hung up is no fault of the backend's (YARP too logs those below warning).
            failures.Failed(context, failure);
        }

        if (response.HasStarted)
        {
            return;
        }

        var error = response.StatusCode switch
        {
            StatusCodes.Status504GatewayTimeout => Timeout,
            StatusCodes.Status503ServiceUnavailable => Unavailable,
            StatusCodes.Status502BadGateway => Unreachable,
            _ => null,
        };
        if (error is not null)
        {
            await replies.ErrorAsync(context, error);
        }
    }

    private static HttpError Backend(int statusCode, string code, string heading, string message) =>
        HttpError.Of(statusCode, code, message) with { Heading = heading, OfferRetry = true };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Answered {Method} {Path} {StatusCode}: the client's request body could not be read ({Error})")]
    private static partial void ClientFault(ILogger logger, string method, string path, int statusCode, ForwarderError error);
}
