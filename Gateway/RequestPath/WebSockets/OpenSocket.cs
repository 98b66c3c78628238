namespace Gateway.RequestPath.WebSockets;

/// <summary>A proxied upgrade in progress, with the token claims its revocation is decided on.</summary>
/// <param name="authenticatedAt">auth_time, or iat for a token without one (see <see cref="Revocation.ITokenRevocation"/>).</param>
internal sealed class OpenSocket(HttpContext context, string tokenId, string? sessionId, string userId, DateTimeOffset authenticatedAt)
{
    private readonly Lock _lock = new();
    private bool _ended;

    /// <summary>Read at the start, while the request is certainly this one.</summary>
    public PathString Path { get; } = context.Request.Path;

    public string TokenId => tokenId;

    public string? SessionId => sessionId;

    public string UserId => userId;

    public DateTimeOffset AuthenticatedAt => authenticatedAt;

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
