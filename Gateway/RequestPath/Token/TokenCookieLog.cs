namespace Gateway.RequestPath.Token;

/// <summary>Token cookie events. Cookie values are never logged.</summary>
internal static partial class TokenCookieLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning,
        Message = "A request for {Path} carried more than one {CookieName} cookie, a sign of cookie tossing (one set by a sibling subdomain, an insecure origin or a script); treated as signed out")]
    public static partial void SeveralTokenCookies(ILogger logger, string path, string cookieName);
}
