namespace Gateway.Accounts;

/// <summary>
/// What a browser says about the page a request was sent from: the Origin header (RFC 6454 section 7), Fetch
/// Metadata's Sec-Fetch-Site, and the Referer. Scripts and services send none of them, so none says "not a browser".
/// </summary>
internal static class RequestOrigin
{
    /// <summary>
    /// True when the browser says the request comes from another site or origin: an Origin that is not the gateway's
    /// own (<c>Origin: null</c>, an opaque origin, included) or Sec-Fetch-Site other than same-origin and none.
    /// </summary>
    public static bool IsForeign(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin;
        return origin.Count > 0 && (origin.Count > 1 || !IsOwn(origin.ToString(), request));
    }

    /// <summary>
    /// The scheme of the gateway's own page the browser sent the request from, by its Origin, else its Referer; null
    /// when it names neither, or a page of another host. Behind a TLS-terminating proxy the request reaches the gateway
    /// over http while the browser is on https: only the browser can say which it used.
    /// </summary>
    public static string? BrowserScheme(HttpRequest request)
    {
        foreach (var header in new[] { request.Headers.Origin.ToString(), request.Headers.Referer.ToString() })
        {
            if (Uri.TryCreate(header, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri.Host.Equals(request.Host.Host, StringComparison.OrdinalIgnoreCase) ? uri.Scheme : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The gateway's own origin: the request's scheme, host and port (RFC 6454 section 4). An https origin on a plain-http
    /// request of the same host and port counts too, since TLS may end in front of the gateway; the reverse, an http page
    /// posting to https, does not.
    /// </summary>
    private static bool IsOwn(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0
            || !uri.Host.Equals(request.Host.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var sameScheme = uri.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase)
            || (uri.Scheme == Uri.UriSchemeHttps && !request.IsHttps);

        // A browser leaves out the port that is the default of the scheme it uses, in Host as in Origin.
        return sameScheme && (request.Host.Port is not { } port ? uri.IsDefaultPort : uri.Port == port);
    }
}
