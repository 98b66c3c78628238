namespace Gateway.Tokens;

/// <summary>Registered claim names (RFC 7519 section 4.1) and the OpenID Connect <c>name</c> claim.</summary>
internal static class GatewayClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string TokenId = "jti";
    public const string IssuedAt = "iat";
    public const string Expires = "exp";

    /// <summary>The user's roles, a JSON array of names (as in RFC 9068 section 2.2.3.1), absent when there are none.</summary>
    public const string Roles = "roles";
}
