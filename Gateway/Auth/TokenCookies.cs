using System.Globalization;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gateway.Auth;

/// <summary>What the Cookie headers hold under one exact cookie name.</summary>
internal enum CookieCount
{
    None,
    One,
    Several,
}

/// <summary>Reads, writes and deletes the token cookie and its expiry companion.</summary>
internal sealed class TokenCookies(IOptions<TokenCookieOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ExpiryNoticeLifetime = TimeSpan.FromDays(1);

    public string Name => options.Value.Name;

    public string ExpiryName => options.Value.ExpiryName;

    /// <summary>
    /// The token cookie, by its exact name: RFC 6265 section 5.4 names are case-sensitive, while
    /// <see cref="HttpRequest.Cookies"/> ignores case and keeps one of several cookies of a name. Several cookies of
    /// the name (another Path or a parent Domain) are never resolved by picking one: that is how cookie tossing swaps
    /// sessions, since the browser orders them by path length, not by who set them.
    /// </summary>
    public static CookieCount Find(StringValues headers, string name, out string? value)
    {
        value = null;
        var count = CookieCount.None;
        ReadOnlySpan<char> found = default;
        var pairs = new CookiePairs(headers);
        while (pairs.MoveNext())
        {
            if (!pairs.HasName || !pairs.Name.SequenceEqual(name))
            {
                continue;
            }

            if (count == CookieCount.One)
            {
                return CookieCount.Several;
            }

            count = CookieCount.One;
            found = pairs.Value;
        }

        if (count == CookieCount.One)
        {
            value = found.ToString();
        }

        return count;
    }

    public CookieCount ReadToken(HttpRequest request, out string? token) => Find(request.Headers.Cookie, Name, out token);

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

    /// <summary>
    /// Expires, at Path=/, the cookies whose names differ from the token's or its companion's only in case. They are
    /// never read, and expiring them is harmless. The exact name is left alone: deleting the browser's own Path=/
    /// token would leave a tossed one scoped to a deeper path as the only one, and so let it in.
    /// </summary>
    public void ExpireCaseVariants(HttpContext context)
    {
        var pairs = new CookiePairs(context.Request.Headers.Cookie);
        while (pairs.MoveNext())
        {
            var name = pairs.Name;
            if ((name.Equals(Name, StringComparison.OrdinalIgnoreCase) && !name.SequenceEqual(Name))
                || (name.Equals(ExpiryName, StringComparison.OrdinalIgnoreCase) && !name.SequenceEqual(ExpiryName)))
            {
                context.Response.Cookies.Delete(name.ToString(), Build(context, expires: null));
            }
        }
    }

    /// <summary>True when the browser sent no token but remembers one that has expired since.</summary>
    public bool RemembersExpiredToken(HttpRequest request) =>
        Find(request.Headers.Cookie, ExpiryName, out var value) == CookieCount.One
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= time.GetUtcNow().ToUnixTimeSeconds();

    private CookieOptions Build(HttpContext context, DateTimeOffset? expires)
    {
        var settings = options.Value;
        return new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            // Path=/ for every name: a __Host- cookie requires it (RFC 6265bis section 4.1.3.2).
            Path = "/",
            Domain = settings.Domain,
            Secure = settings.RequiresSecure || settings.Secure switch
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
