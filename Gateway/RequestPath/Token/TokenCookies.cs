using System.Globalization;
using Gateway.Hosting.Options;
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

    // Between the expiry and the session id in the companion: neither a digit nor a base64url character.
    private const string CompanionSeparator = ".";

    public string Name => options.Value.Name;

    public string ExpiryName => options.Value.ExpiryName;

    public string RememberName => options.Value.RememberCookieName;

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
    /// and a remembered one is restored from its own cookie. The companion holds the token's expiry and its session:
    /// this browser's last sign-in, which no other session's remember-me cookie may replace (see <see cref="MayRestore"/>).
    /// </summary>
    /// <param name="lastSignInKeptUntil">How long the companion should outlive the token to name the last sign-in.</param>
    public void Append(HttpContext context, IssuedToken token, DateTimeOffset lastSignInKeptUntil)
    {
        var cookies = context.Response.Cookies;
        cookies.Append(Name, token.Value, Build(context, expires: null));
        var expiry = token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var noticeEnds = token.ExpiresAt + ExpiryNoticeLifetime;
        cookies.Append(
            ExpiryName,
            token.SessionId is { } sessionId ? expiry + CompanionSeparator + sessionId : expiry,
            Build(context, lastSignInKeptUntil > noticeEnds ? lastSignInKeptUntil : noticeEnds));
    }

    /// <summary>
    /// Whether a remember-me credential of <paramref name="sessionId"/> may restore a session in this browser: not when
    /// the companion cookie names another session as the browser's last sign-in. An attacker's remember-me cookie
    /// planted with a parent Domain or a deeper Path outlives a sign-in that is not remembered (which can only delete
    /// the cookie at its own Path and Domain), and would otherwise switch the victim into the attacker's account once
    /// the token is gone. Several companions are ambiguous and restore nothing; none (or one written before sessions
    /// were named in it) leaves nothing to compare.
    /// </summary>
    public bool MayRestore(HttpRequest request, string sessionId)
    {
        switch (Find(request.Headers.Cookie, ExpiryName, out var value))
        {
            case CookieCount.None:
                return true;
            case CookieCount.Several:
                return false;
            default:
                var named = CompanionPart(value!, before: false);
                return named.IsEmpty || named.SequenceEqual(sessionId);
        }
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
        && long.TryParse(CompanionPart(value!, before: true), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The companion's expiry (before the separator) or session id (after it; empty when it names none).</summary>
    private static ReadOnlySpan<char> CompanionPart(string value, bool before)
    {
        var separator = value.IndexOf(CompanionSeparator, StringComparison.Ordinal);
        return separator < 0 ? (before ? value : default) : before ? value.AsSpan(0, separator) : value.AsSpan(separator + 1);
    }

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
