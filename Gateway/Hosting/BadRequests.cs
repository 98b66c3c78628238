using Gateway.Responses;

namespace Gateway.Hosting;

/// <summary>
/// Kestrel's <see cref="BadHttpRequestException"/>, thrown while any endpoint reads the request (a body cut shorter than
/// its Content-Length, one arriving slower than MinRequestBodyDataRate), is the client's doing: it is answered with the
/// status Kestrel chose and logged as one warning line, without a stack trace.
/// </summary>
internal static partial class BadRequests
{
    /// <summary>The answer for a request that could not be read, logged as one warning line.</summary>
    public static HttpError Answer(ILogger logger, HttpContext context, BadHttpRequestException bad)
    {
        Rejected(logger, context.Request.Method, context.Request.Path, bad.StatusCode, bad.Message);
        return new HttpError(bad.StatusCode, bad.StatusCode switch
        {
            StatusCodes.Status408RequestTimeout => new ErrorBody("request_timeout",
                "The request body arrived too slowly, so the gateway stopped waiting for it. Try again."),
            StatusCodes.Status413PayloadTooLarge => new ErrorBody("body_too_large", "The request body is too large."),
            _ => new ErrorBody("bad_request",
                "The request could not be read: its body ended before its Content-Length, or it was malformed. Send it again."),
        });
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Rejected {Method} {Path} with {StatusCode}: {Reason}")]
    private static partial void Rejected(ILogger logger, string method, string path, int statusCode, string reason);
}
