using System.ComponentModel.DataAnnotations;

namespace Gateway.Hosting.Options;

/// <summary>The <c>Gateway:Cookie</c> section.</summary>
internal sealed class TokenCookieOptions : IValidatableObject
{
    public const string Section = "Cookie";

    // RFC 6265bis section 4.1.3: browsers check these prefixes ignoring case.
    private const string HostPrefix = "__Host-";
    private const string SecurePrefix = "__Secure-";

    // RFC 6265 cookie-name is a token: no separators, no spaces.
    [Required, RegularExpression("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
        ErrorMessage = "Gateway:Cookie:Name must be a valid cookie name (letters, digits, _ - . and similar).")]
    public string Name { get; set; } = "gateway_token";

    /// <summary>The remember-me cookie ("Keep me signed in"), set only for remembered sessions.</summary>
    [Required, RegularExpression("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
        ErrorMessage = "Gateway:Cookie:RememberName must be a valid cookie name (letters, digits, _ - . and similar).")]
    public string RememberName { get; set; } = "gateway_session";

    /// <summary>SameAsRequest marks the cookie Secure on HTTPS; set Always behind a TLS-terminating load balancer.</summary>
    public CookieSecurePolicy Secure { get; set; } = CookieSecurePolicy.SameAsRequest;

    /// <summary>Optional Domain attribute, to share the session with sibling hosts. Unset: this host only.</summary>
    public string? Domain { get; set; }

    /// <summary>
    /// A second, secret-free cookie holding only the token's expiry time. It outlives the token so that, once the
    /// browser has dropped the expired token cookie, the gateway can still say "your session has expired".
    /// </summary>
    public string ExpiryName => Name + "_exp";

    /// <summary>
    /// The remember-me cookie's name as set: <see cref="RememberName"/> with the token cookie's <c>__Host-</c> or
    /// <c>__Secure-</c> prefix when it has none of its own. A remember-me cookie restores a whole session, so it must
    /// be as hard to plant from a sibling subdomain or another path as the token cookie (RFC 6265bis section 4.1.3).
    /// </summary>
    public string RememberCookieName => PrefixOf(RememberName) is null && PrefixOf(Name) is { } prefix ? prefix + RememberName : RememberName;

    /// <summary>
    /// A browser drops a <c>__Host-</c> or <c>__Secure-</c> cookie that is not Secure, whatever the request. Either name
    /// prefixed makes both cookies Secure: the remember-me cookie must never travel where the token would not.
    /// </summary>
    public bool RequiresSecure => IsPrefixed(Name) || IsPrefixed(RememberName);

    /// <summary>Whether the gateway's cookies (token, companion, remember-me, antiforgery) are Secure on this request.</summary>
    public bool IsSecure(HttpRequest request) => RequiresSecure || Secure switch
    {
        CookieSecurePolicy.Always => true,
        CookieSecurePolicy.None => false,
        _ => request.IsHttps,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(Domain))
        {
            yield return new ValidationResult(
                $"Gateway:Cookie:Domain must be unset when Gateway:Cookie:Name starts with {HostPrefix}: browsers refuse such a cookie with a Domain.",
                [nameof(Domain)]);
        }

        if (RememberName.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(Domain))
        {
            yield return new ValidationResult(
                $"Gateway:Cookie:Domain must be unset when Gateway:Cookie:RememberName starts with {HostPrefix}: browsers refuse such a cookie with a Domain.",
                [nameof(Domain)]);
        }

        if (PrefixOf(Name) == HostPrefix && PrefixOf(RememberName) == SecurePrefix)
        {
            yield return new ValidationResult(
                $"Gateway:Cookie:RememberName must start with {HostPrefix}, like Gateway:Cookie:Name, or have no prefix " +
                $"(it then gets {HostPrefix}): a {SecurePrefix} remember-me cookie can be planted where the token cookie cannot.",
                [nameof(RememberName)]);
        }

        if (string.Equals(RememberName, Name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(RememberName, ExpiryName, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                "Gateway:Cookie:RememberName must differ from Gateway:Cookie:Name and its companion " + ExpiryName + ".",
                [nameof(RememberName)]);
        }
    }

    private static bool IsPrefixed(string name) => PrefixOf(name) is not null;

    private static string? PrefixOf(string name) =>
        name.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase) ? HostPrefix
        : name.StartsWith(SecurePrefix, StringComparison.OrdinalIgnoreCase) ? SecurePrefix
        : null;
}
