using System.Globalization;
using Gateway.Pages;
using Microsoft.AspNetCore.Http.Extensions;

namespace Gateway.Responses;

/// <summary>
/// The one place that decides between a page and JSON (<see cref="RequestKinds"/>) and writes every gateway answer
/// that is not a proxied one: errors of every origin, and the outcome of a successful form or JSON post.
/// </summary>
internal sealed class Replies(PageRenderer pages)
{
    /// <summary>
    /// JSON <c>{"error","message"}</c> for an API caller; for a browser, <paramref name="page"/> when given (a form
    /// shown again with its error) or else the error page.
    /// </summary>
    public Task ErrorAsync(HttpContext context, HttpError error, PageModel? page = null)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (RequestKinds.Of(context.Request) == RequestKind.Api)
        {
            return JsonAsync(context, error.StatusCode, error.Body);
        }

        return pages.WriteAsync(context, page ?? ErrorPageOf(context, error), error.PageStatusCode ?? error.StatusCode);
    }

    /// <summary>After a successful post: a browser follows a 303 to <paramref name="location"/>, a script gets the JSON.</summary>
    /// <param name="created">For a script, the Location of what a 201 created.</param>
    public static Task SucceededAsync<T>(HttpContext context, string location, int statusCode, T body, string? created = null)
    {
        if (RequestKinds.Of(context.Request) == RequestKind.Api)
        {
            if (created is not null)
            {
                context.Response.Headers.Location = created;
            }

            return JsonAsync(context, statusCode, body);
        }

        SeeOther(context, location);
        return Task.CompletedTask;
    }

    /// <summary>After a successful post with nothing to return: a browser follows a 303 to <paramref name="location"/>, a script gets 204.</summary>
    public static void Succeeded(HttpContext context, string location)
    {
        if (RequestKinds.Of(context.Request) == RequestKind.Api)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.CacheControl = "no-store";
            return;
        }

        SeeOther(context, location);
    }

    /// <summary>
    /// After a successful post whose answer is shown once and cannot be fetched again (new recovery codes): a browser
    /// gets <paramref name="page"/> itself rather than a redirect, a script the JSON.
    /// </summary>
    public Task ShownOnceAsync<T>(HttpContext context, PageModel page, int statusCode, T body)
    {
        if (RequestKinds.Of(context.Request) == RequestKind.Api)
        {
            return JsonAsync(context, statusCode, body);
        }

        return pages.WriteAsync(context, page, statusCode);
    }

    /// <summary>A page that was asked for by name (the login form, the account page).</summary>
    public Task PageAsync(HttpContext context, PageModel page, int statusCode = StatusCodes.Status200OK) =>
        pages.WriteAsync(context, page, statusCode);

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

    private static ErrorPage ErrorPageOf(HttpContext context, HttpError error)
    {
        var request = context.Request;
        var heading = error.Heading ?? error.StatusCode switch
        {
            StatusCodes.Status403Forbidden => "This isn't available",
            StatusCodes.Status404NotFound => "Page not found",
            StatusCodes.Status429TooManyRequests => "Too many attempts",
            >= 500 => "Something went wrong",
            _ => "We couldn't handle that request",
        };

        // Trying again is safe for a GET; a form post would be sent twice.
        var retryUrl = error.OfferRetry && HttpMethods.IsGet(request.Method)
            ? UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString)
            : null;
        return new ErrorPage(heading, error.Body.Message) { RetryUrl = retryUrl };
    }
}
