using Gateway.Accounts;
using Gateway.RequestPath.Token;
using Gateway.Responses;

namespace Gateway.Administration;

/// <summary>
/// CSRF protection for admin API calls that change something and are authenticated by the cookie, which a browser
/// attaches to any site's request: they must come from a script of this site, by the rule of the script sign-out.
/// A script marks itself with X-Requested-With or a JSON body, which a page of another site cannot send without a CORS
/// preflight the gateway never grants; a browser that does send them names the page's origin, which must be the
/// gateway's own (<see cref="RequestOrigin"/>). Bearer callers prove themselves with the header and are not checked.
/// </summary>
internal sealed partial class SameOriginScripts(Replies replies, ILogger<SameOriginScripts> logger) : IEndpointFilter
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

        var request = context.Request;
        LogRefused(logger, request.Method, request.Path, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString());
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

        var fromScript = request.Headers.ContainsKey("X-Requested-With") || RequestKinds.HasJsonBody(request);
        return fromScript && !RequestOrigin.IsForeign(request);
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Refused a cookie admin API call {Method} {Path} that did not come from this site's scripts (Origin {Origin}, Sec-Fetch-Site {FetchSite})")]
    private static partial void LogRefused(ILogger logger, string method, string path, string origin, string fetchSite);
}
