using Microsoft.Net.Http.Headers;

namespace Gateway.Responses;

/// <summary>Who is asking, which decides the shape of every answer: pages and redirects, or JSON.</summary>
internal enum RequestKind
{
    /// <summary>A script, a service or a page's own fetch: JSON, never a page or a redirect.</summary>
    Api,

    /// <summary>A browser navigating: pages, and redirects to sign in.</summary>
    Browser,

    /// <summary>A browser posting one of the gateway's forms: pages, and 303 redirects after success.</summary>
    Form,
}

internal static class RequestKinds
{
    /// <summary>
    /// JSON for a request that asks for it: an XMLHttpRequest, a JSON body, or an Accept header that does not prefer
    /// HTML (one that ranks JSON first, <c>*/*</c> from curl, none at all). Browsers always send text/html first on
    /// navigations and form posts; a form post from a script gets JSON like any other script.
    /// </summary>
    public static RequestKind Of(HttpRequest request)
    {
        if (string.Equals(request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.OrdinalIgnoreCase)
            || HasJsonBody(request))
        {
            return RequestKind.Api;
        }

        if (Preference(request.Headers.Accept) != Preferred.Html)
        {
            return RequestKind.Api;
        }

        return HasFormBody(request) ? RequestKind.Form : RequestKind.Browser;
    }

    public static bool HasFormBody(HttpRequest request) => request.HasFormContentType;

    public static bool HasJsonBody(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && IsJson(type);

    private enum Preferred
    {
        Neither,
        Html,
        Json,
    }

    /// <summary>Which of HTML and JSON the Accept header ranks first: the higher q, or at the same q the one listed first.</summary>
    private static Preferred Preference(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return Preferred.Neither;
        }

        double html = 0, json = 0;
        var jsonFirst = false;
        foreach (var type in types)
        {
            var quality = type.Quality ?? 1.0;
            if (type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, quality);
            }
            else if (IsJson(type) && quality > json)
            {
                json = quality;
                jsonFirst = html == 0;
            }
        }

        if (html == 0 && json == 0)
        {
            return Preferred.Neither;
        }

        return html > json || (html == json && !jsonFirst) ? Preferred.Html : Preferred.Json;
    }

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
