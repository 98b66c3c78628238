using Gateway.Auth;
using Gateway.Pages;
using Microsoft.AspNetCore.Http.Extensions;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>Turns YARP's bare 502/503/504 into a page for browsers and JSON for API callers.</summary>
internal sealed class ForwarderErrorResponses(RequestDelegate next, PageRenderer pages)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        var response = context.Response;
        if (context.GetForwarderErrorFeature() is null || response.HasStarted)
        {
            return;
        }

        var (code, heading, message) = response.StatusCode switch
        {
            StatusCodes.Status504GatewayTimeout => ("backend_timeout", "The application is taking too long",
                "The application behind this gateway did not answer in time. Try again in a moment."),
            StatusCodes.Status503ServiceUnavailable => ("backend_unavailable", "The application is unavailable",
                "No instance of the application behind this gateway is available right now. Try again in a moment."),
            StatusCodes.Status502BadGateway => ("backend_unreachable", "The application is unreachable",
                "The gateway could not reach the application behind it. Try again in a moment."),
            _ => (null, null, null),
        };
        if (code is null)
        {
            return;
        }

        response.Headers.CacheControl = "no-store";
        if (RequestKind.IsBrowser(context.Request))
        {
            await pages.WriteAsync(context, Page.Error, response.StatusCode, new Dictionary<string, object?>
            {
                ["heading"] = heading,
                ["message"] = message,
                // Trying again is safe for a GET; a form post would be sent twice.
                ["retryUrl"] = HttpMethods.IsGet(context.Request.Method)
                    ? UriHelper.BuildRelative(context.Request.PathBase, context.Request.Path, context.Request.QueryString)
                    : null,
            });
            return;
        }

        await response.WriteAsJsonAsync(new ErrorBody(code, message!));
    }
}
