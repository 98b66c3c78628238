using Gateway.Auth;
using Gateway.Pages;

namespace Gateway.Endpoints;

/// <summary>Answers that are HTML for a browser and JSON for everything else.</summary>
internal static class AuthResponses
{
    /// <param name="heading">The page's heading; by default one that fits the status code.</param>
    public static Task ErrorAsync(HttpContext context, PageRenderer pages, HttpError error, string? heading = null)
    {
        if (RequestKind.IsBrowser(context.Request))
        {
            return pages.WriteAsync(context, Page.Error, error.StatusCode, new Dictionary<string, object?>
            {
                ["heading"] = heading ?? error.StatusCode switch
                {
                    StatusCodes.Status403Forbidden => "This isn't available",
                    StatusCodes.Status404NotFound => "Page not found",
                    >= 500 => "Something went wrong",
                    _ => "We couldn't handle that request",
                },
                ["message"] = error.Body.Message,
            });
        }

        return JsonAsync(context, error.StatusCode, error.Body);
    }

    public static Task JsonAsync<T>(HttpContext context, int statusCode, T body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body);
    }

    /// <summary>303 See Other: after a POST the browser follows with a GET (RFC 9110 section 15.4.4).</summary>
    public static void SeeOther(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = location;
        context.Response.Headers.CacheControl = "no-store";
    }
}
