using Gateway.Auth;
using Gateway.Responses;

namespace Gateway.Admin;

/// <summary>
/// CSRF protection for admin API calls that change something and are authenticated by the cookie, which a browser
/// attaches to any site's request: they must come from a script of this site. A script marks itself with
/// X-Requested-With or a JSON body, which a cross-site form cannot send and a cross-site fetch cannot send without a
/// CORS preflight the gateway never grants; an Origin header, when present, must name this host (Fetch standard,
/// section 3.2.5). Bearer callers prove themselves with the header and are not checked.
/// </summary>
internal sealed class SameOriginScripts(Replies replies) : IEndpointFilter
{
    private static readonly HttpError Refused = HttpError.Of(StatusCodes.Status403Forbidden, "cross_site_request",
        "With the cookie, this call must come from a script of this site (X-Requested-With or a JSON body, same Origin). " +
        "Scripts elsewhere send Authorization: Bearer <token> instead.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (Allows(context))
        {
            return await next(invocation);
        }

        await replies.ErrorAsync(context, Refused);
        return Results.Empty;
    }

    public static bool Allows(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || context.GetTokenSource() != TokenSource.Cookie)
        {
            return true;
        }

        var fromScript = request.Headers.XRequestedWith.Count > 0 || RequestKinds.HasJsonBody(request);
        return fromScript && IsSameOriginOrAbsent(request);
    }

    private static bool IsSameOriginOrAbsent(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return true;
        }

        // "null" (an opaque origin: a sandboxed frame, a redirect across sites) is never this host.
        return origins.Count == 1
            && Uri.TryCreate(origins[0], UriKind.Absolute, out var origin)
            && string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
