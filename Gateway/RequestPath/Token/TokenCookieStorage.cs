using System.Net;
using Gateway.Accounts;
using Gateway.Hosting.Options;
using Gateway.Responses;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Token;

/// <summary>
/// Tells, before a sign-in, when the browser would drop the token cookie: signing in would then only send the user back
/// to the login page, again and again (the trap vouch's failCountLimit is for). Decided only where the gateway can tell: the browser named its page's scheme
/// (Origin or Referer; a script or service names none, and takes its token from the body).
/// </summary>
internal sealed partial class TokenCookieStorage(IOptions<TokenCookieOptions> options, ILogger<TokenCookieStorage> logger)
{
    private const string Heading = "Signing in can't finish here";

    /// <returns>The error that names the setting to fix, with a warning logged; null when the browser keeps the cookie.</returns>
    public HttpError? Refusal(HttpRequest request)
    {
        if (RequestOrigin.BrowserScheme(request) is not { } scheme)
        {
            return null;
        }

        var settings = options.Value;
        var host = request.Host.Host;

        // Browsers keep no Secure cookie set over plain http (RFC 6265bis section 5.7), except from localhost, which
        // counts as a secure context. Behind TLS ended in front of the gateway the browser's page is https: no refusal.
        var secure = settings.RequiresSecure || settings.Secure == CookieSecurePolicy.Always;
        if (secure && !request.IsHttps && scheme == Uri.UriSchemeHttp && !IsLoopback(host))
        {
            var setting = settings.RequiresSecure ? "Gateway:Cookie:Name" : "Gateway:Cookie:Secure";
            var fix = settings.RequiresSecure
                ? $"choose a Gateway:Cookie:Name without the __Host- or __Secure- prefix (now {settings.Name})"
                : "set Gateway:Cookie:Secure to SameAsRequest";
            LogSecureOverHttp(logger, setting, host);
            return Refused("Signing in cannot work here: this browser would not keep the sign-in cookie, which is Secure " +
                $"({setting}) and this page was opened over plain http. Open the site with https://, or ask its " +
                $"administrator to serve it over https or {fix}.");
        }

        if (!string.IsNullOrEmpty(settings.Domain) && !DomainMatches(host, settings.Domain))
        {
            LogDomainMismatch(logger, settings.Domain, host);
            return Refused("Signing in cannot work here: this browser would not keep the sign-in cookie, as " +
                $"Gateway:Cookie:Domain ({settings.Domain}) does not cover the host {host}. Open the site at its usual " +
                "address, or ask its administrator to correct Gateway:Cookie:Domain or leave it unset.");
        }

        return null;
    }

    /// <summary>Domain matching, RFC 6265 section 5.1.3, with the leading dot a Domain attribute may carry ignored (5.2.3).</summary>
    public static bool DomainMatches(string host, string domain)
    {
        domain = domain.TrimStart('.');
        if (host.Equals(domain, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return host.Length > domain.Length
            && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase)
            && host[host.Length - domain.Length - 1] == '.'
            && !IPAddress.TryParse(host, out _);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static HttpError Refused(string message) =>
        HttpError.Of(StatusCodes.Status403Forbidden, "cookie_not_stored", message) with { Heading = Heading };

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning,
        Message = "Refused a sign-in at {Host}: the browser is on plain http and would drop the Secure token cookie " +
                  "({Setting}). Serve the gateway over https, or change {Setting}")]
    private static partial void LogSecureOverHttp(ILogger logger, string setting, string host);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Warning,
        Message = "Refused a sign-in at {Host}: Gateway:Cookie:Domain {Domain} does not cover it, so the browser would " +
                  "drop the token cookie. Correct or unset Gateway:Cookie:Domain")]
    private static partial void LogDomainMismatch(ILogger logger, string domain, string host);
}
