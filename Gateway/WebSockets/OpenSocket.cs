namespace Gateway.WebSockets;

/// <summary>A proxied upgrade in progress, with the token claims its revocation is decided on.</summary>
/// <param name="AuthenticatedAt">auth_time, or iat for a token without one (see <see cref="Revocation.ITokenRevocation"/>).</param>
internal sealed record OpenSocket(
    HttpContext Context, string TokenId, string? SessionId, string UserId, DateTimeOffset AuthenticatedAt);
