using System.Globalization;

using Gateway.RequestPath.Token;
using Gateway.Tokens;

namespace Gateway.RequestPath.LongLived;

/// <summary>A signed-in user's WebSocket or event stream while it is open, with the token claims its end is decided on.</summary>
/// <param name="authenticatedAt">auth_time, or iat for a token without one (see <see cref="Revocation.ITokenRevocation"/>).</param>
/// <param name="expiresAt">The token's exp: it was let through on that token, which no refresh of the session extends.</param>
internal sealed class OpenConnection(
    HttpContext context, ConnectionKind kind, string tokenId, string? sessionId, string userId, DateTimeOffset authenticatedAt,
    DateTimeOffset expiresAt)
{
    private readonly Lock _lock = new();
    private bool _ended;

    /// <summary>Read at the start, while the request is certainly this one.</summary>
    public PathString Path { get; } = context.Request.Path;

    public ConnectionKind Kind => kind;

    public string TokenId => tokenId;

    public string? SessionId => sessionId;

    public string UserId => userId;

    public DateTimeOffset AuthenticatedAt => authenticatedAt;

    public DateTimeOffset ExpiresAt => expiresAt;

    /// <summary>The request's, when its user is signed in with a token that has the claims revocation is decided on.</summary>
    public static OpenConnection? Of(HttpContext context, ConnectionKind kind)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirst(GatewayClaims.TokenId)?.Value is not { } tokenId
            || user.FindFirst(GatewayClaims.Subject)?.Value is not { } userId
            || !long.TryParse(user.FindFirst(GatewayClaims.Expires)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        return new OpenConnection(context, kind, tokenId, user.FindFirst(GatewayClaims.SessionId)?.Value, userId,
            GatewayTokenEvents.AuthenticatedAt(user), DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    /// <summary>
    /// Aborts the request unless it has ended: Kestrel reuses an HttpContext for the next request on a connection
    /// (an upgrade the backend declined leaves it open), which a late abort would end instead.
    /// </summary>
    public bool TryAbort()
    {
        lock (_lock)
        {
            if (!_ended)
            {
                context.Abort();
            }

            return !_ended;
        }
    }

    public void End()
    {
        lock (_lock)
        {
            _ended = true;
        }
    }
}
