using Gateway.RequestPath.Identity;
using Gateway.RequestPath.Token;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.RequestPath.Proxy;

/// <summary>
/// A response to a signed-in user was made with that user's identity, so a shared cache must not hand it to anyone
/// else: it gets <c>Cache-Control: private</c> (RFC 9111 section 5.2.2.7) unless the backend sent a Cache-Control
/// of its own, and <c>Vary: Cookie</c> (section 4.1) when the identity came from the cookie, even with the backend's
/// caching, since a cache that served it to a request without that cookie would skip the gateway's login check.
/// Responses to anonymous requests pass as the backend sent them.
/// </summary>
internal sealed class PrivateCaching : ResponseTransform
{
    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var http = context.HttpContext;
        if (context.ProxyResponse is null || ForwardedIdentity.Of(http.User) is null)
        {
            return ValueTask.CompletedTask;
        }

        var headers = http.Response.Headers;
        if (StringValues.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "private";
        }

        if (http.GetTokenSource() == TokenSource.Cookie)
        {
            headers.Vary = WithCookie(headers.Vary);
        }

        return ValueTask.CompletedTask;
    }

    private static StringValues WithCookie(StringValues vary)
    {
        if (StringValues.IsNullOrEmpty(vary))
        {
            return "Cookie";
        }

        foreach (var value in vary)
        {
            foreach (var field in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                if (field is "*" || field.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    return vary;
                }
            }
        }

        return string.Join(", ", vary.Append("Cookie"));
    }
}
