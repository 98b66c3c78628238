namespace Gateway.Tokens;

/// <summary>
/// Registered claim names (RFC 7519 section 4.1), the OpenID Connect <c>name</c>, <c>preferred_username</c>, <c>sid</c> and <c>auth_time</c> claims
/// (OpenID Connect Core 1.0 section 2, Front-Channel Logout section 3), and the gateway's own <c>remember</c>.
/// </summary>
internal static class GatewayClaims
{
    public const string Subject = "sub";
    public const string Name = "name";

    /// <summary>The username the user signs in with (OpenID Connect Core 1.0 section 5.1), for X-User-Login.</summary>
    public const string PreferredUsername = "preferred_username";
    public const string TokenId = "jti";
    public const string IssuedAt = "iat";
    public const string Expires = "exp";

    /// <summary>The user's roles, a JSON array of names (as in RFC 9068 section 2.2.3.1), absent when there are none.</summary>
    public const string Roles = "roles";

    /// <summary>The session every token refreshed from one sign-in shares: 128 random bits, base64url.</summary>
    public const string SessionId = "sid";

    /// <summary>When the password was checked, as a NumericDate; refreshed tokens keep it.</summary>
    public const string AuthTime = "auth_time";

    /// <summary>Present and true when the user chose "Keep me signed in".</summary>
    public const string Remembered = "remember";

    /// <summary>
    /// How the user authenticated, a JSON array of RFC 8176 method values: <c>pwd</c>, and <c>otp</c> after a TOTP or
    /// recovery code (OpenID Connect Core 1.0 section 2). Refreshed tokens keep it, like auth_time.
    /// </summary>
    public const string AuthenticationMethods = "amr";

    public const string PasswordMethod = "pwd";
    public const string OneTimePasswordMethod = "otp";

    public static bool HasSecondFactor(System.Security.Claims.ClaimsPrincipal principal) =>
        principal.FindAll(AuthenticationMethods).Any(claim => claim.Value == OneTimePasswordMethod);
}
