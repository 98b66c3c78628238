using System.Globalization;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gateway.RequestPath.Token;

/// <summary>What the Cookie headers hold under one exact cookie name.</summary>
internal enum CookieCount
{
    None,
    One,
    Several,
}

/// <summary>Reads, writes and deletes the token cookie, its expiry companion and the remember-me cookie.</summary>
internal sealed class TokenCookies(IOptions<TokenCookieOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ExpiryNoticeLifetime = TimeSpan.FromDays(1);

    public string Name => options.Value.Name;

    public string ExpiryName => options.Value.ExpiryName;

    public string RememberName => options.Value.RememberName;

    /// <summary>
    /// The token cookie, by its exact name: RFC 6265 section 5.4 names are case-sensitive, while
    /// <see cref="HttpRequest.Cookies"/> ignores case and keeps one of several cookies of a name. Several cookies of
    /// the name (another Path or a parent Domain) are never resolved by picking one: that is how cookie tossing swaps
    /// sessions, since the browser orders them by path length, not by who set them.
    /// </summary>
    public static CookieCount Find(StringValues headers, string name, out string? value)
    {
        var count = FindSpan(headers, name, out var found);
        value = count == CookieCount.One ? found.ToString() : null;
        return count;
    }

    /// <summary><see cref="Find"/> without copying the value out of the header.</summary>
    public static CookieCount FindSpan(StringValues headers, string name, out ReadOnlySpan<char> value)
    {
        value = default;
        var count = CookieCount.None;
        var pairs = new CookiePairs(headers);
        while (pairs.MoveNext())
        {
            if (!pairs.HasName || !pairs.Name.SequenceEqual(name))
            {
                continue;
            }

            if (count == CookieCount.One)
            {
                value = default;
                return CookieCount.Several;
            }

            count = CookieCount.One;
            value = pairs.Value;
        }

        return count;
    }

    /// <param name="token">The cookie's value, still in the request's Cookie header.</param>
    public CookieCount ReadToken(HttpRequest request, out ReadOnlySpan<char> token) => FindSpan(request.Headers.Cookie, Name, out token);

    /// <summary>The remember-me credential, when exactly one cookie of its name was sent (see <see cref="Find"/>).</summary>
    public string? ReadRemembered(HttpRequest request) =>
        Find(request.Headers.Cookie, RememberName, out var value) == CookieCount.One && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>
    /// The token as a browser-session cookie (no Expires): closing the browser ends a session that is not remembered,
    /// and a remembered one is restored from its own cookie.
    /// </summary>
    public void Append(HttpContext context, IssuedToken token)
    {
        var cookies = context.Response.Cookies;
        cookies.Append(Name, token.Value, Build(context, expires: null));
        cookies.Append(
            ExpiryName,
            token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Build(context, token.ExpiresAt + ExpiryNoticeLifetime));
    }

    /// <summary>The remember-me credential, kept by the browser until the session ends.</summary>
    public void AppendRemembered(HttpContext context, string credential, DateTimeOffset sessionEndsAt) =>
        context.Response.Cookies.Append(RememberName, credential, Build(context, sessionEndsAt));

    public void Delete(HttpContext context)
    {
        var cookies = context.Response.Cookies;
        cookies.Delete(Name, Build(context, expires: null));
        cookies.Delete(ExpiryName, Build(context, expires: null));
        cookies.Delete(RememberName, Build(context, expires: null));
    }

    /// <summary>Forgets a remember-me credential that no longer restores anything.</summary>
    public void DeleteRemembered(HttpContext context) =>
        context.Response.Cookies.Delete(RememberName, Build(context, expires: null));

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
                || (name.Equals(ExpiryName, StringComparison.OrdinalIgnoreCase) && !name.SequenceEqual(ExpiryName))
                || (name.Equals(RememberName, StringComparison.OrdinalIgnoreCase) && !name.SequenceEqual(RememberName)))
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
            Secure = settings.IsSecure(context.Request),
            Expires = expires,
            IsEssential = true,
        };
    }
}
