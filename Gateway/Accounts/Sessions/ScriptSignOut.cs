using Gateway.Responses;

namespace Gateway.Accounts.Sessions;

/// <summary>
/// A cookie sign-out sent by the site's own scripts, without the form's antiforgery token. A page of another site
/// cannot send X-Requested-With or a JSON Content-Type without a CORS preflight, which the gateway never grants
/// (Fetch standard, CORS-safelisted request headers); and a browser that does send it names the page's Origin, which
/// must then be the gateway's own.
/// </summary>
internal static partial class ScriptSignOut
{
    public static bool IsAllowed(HttpRequest request, ILogger logger)
    {
        if (!request.Headers.ContainsKey("X-Requested-With") && !RequestKinds.HasJsonBody(request))
        {
            return false;
        }

        if (RequestOrigin.IsForeign(request))
        {
            LogForeign(logger, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString());
            return false;
        }

        return true;
    }

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning,
        Message = "Refused a script sign-out from another origin (Origin {Origin}, Sec-Fetch-Site {FetchSite})")]
    private static partial void LogForeign(ILogger logger, string origin, string fetchSite);
}
