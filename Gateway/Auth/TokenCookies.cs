using System.Globalization;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>Writes and deletes the token cookie and its expiry companion.</summary>
internal sealed class TokenCookies(IOptions<TokenCookieOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ExpiryNoticeLifetime = TimeSpan.FromDays(1);

    public string Name => options.Value.Name;

    public string ExpiryName => options.Value.ExpiryName;

    public void Append(HttpContext context, IssuedToken token)
    {
        var cookies = context.Response.Cookies;
        cookies.Append(Name, token.Value, Build(context, token.ExpiresAt));
        cookies.Append(
            ExpiryName,
            token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Build(context, token.ExpiresAt + ExpiryNoticeLifetime));
    }

    public void Delete(HttpContext context)
    {
        var cookies = context.Response.Cookies;
        cookies.Delete(Name, Build(context, expires: null));
        cookies.Delete(ExpiryName, Build(context, expires: null));
    }

    /// <summary>True when the browser sent no token but remembers one that has expired since.</summary>
    public bool RemembersExpiredToken(HttpRequest request) =>
        request.Cookies.TryGetValue(ExpiryName, out var value)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= time.GetUtcNow().ToUnixTimeSeconds();

    private CookieOptions Build(HttpContext context, DateTimeOffset? expires)
    {
        var settings = options.Value;
        return new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Domain = settings.Domain,
            Secure = settings.Secure switch
            {
                CookieSecurePolicy.Always => true,
                CookieSecurePolicy.None => false,
                _ => context.Request.IsHttps,
            },
            Expires = expires,
            IsEssential = true,
        };
    }
}
