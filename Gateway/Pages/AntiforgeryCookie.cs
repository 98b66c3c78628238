using Gateway.Hosting.Options;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

/// <summary>
/// The antiforgery cookie, Secure exactly when the token cookie is (<c>Gateway:Cookie:Secure</c> and the name
/// prefixes). Its <see cref="CookieBuilder.SecurePolicy"/> stays <see cref="CookieSecurePolicy.None"/>: with
/// <c>Always</c> there, antiforgery throws on every plain-http request, and behind a TLS-terminating load balancer that is
/// not listed as trusted every request is plain http, so every page would be a 500.
/// </summary>
internal sealed class AntiforgeryCookie(IOptions<TokenCookieOptions> cookie) : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = cookie.Value.IsSecure(context.Request);
        return options;
    }
}
