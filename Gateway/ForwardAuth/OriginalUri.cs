using Gateway.Hosting.Options;

namespace Gateway.ForwardAuth;

/// <summary>
/// The address the browser asked the calling proxy for: <c>X-Forwarded-Uri</c> (Traefik, Caddy) or
/// <c>X-Original-URI</c> (the usual nginx <c>auth_request</c> setup). It only ever becomes the return URL of a sign-in,
/// checked like every return URL; it never takes part in the decision, since any client can send it
/// (oauth2-proxy GHSA-7x63-xv5r-3p2x).
/// </summary>
internal static class OriginalUri
{
    public const string ForwardedUri = "X-Forwarded-Uri";
    public const string OriginalUriHeader = "X-Original-URI";

    /// <summary>The path and query to come back to after signing in, or "/" when missing or not a safe local path.</summary>
    public static string ReturnUrl(HttpRequest request, GatewayOptions options)
    {
        var value = request.Headers[ForwardedUri];
        if (value.Count == 0)
        {
            value = request.Headers[OriginalUriHeader];
        }

        // Two copies are two claims about one address: neither is trusted.
        return value.Count == 1 ? Accounts.ReturnUrl.AfterSignIn(value[0], options) : Accounts.ReturnUrl.Fallback;
    }

    /// <summary>The login page's address with the return URL, and the reason to show when there is one.</summary>
    public static string LoginLocation(HttpRequest request, GatewayOptions options, string? reason)
    {
        var location = $"{options.LoginPath}?returnUrl={Uri.EscapeDataString(ReturnUrl(request, options))}";
        return reason is null ? location : $"{location}&reason={reason}";
    }
}
