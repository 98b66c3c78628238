namespace Gateway.RequestPath.LongLived;

internal static partial class LongLivedLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Information,
        Message = "Closed the {Kind} on {Path} of user {UserId}: its session was logged out or revoked")]
    public static partial void ClosedRevoked(ILogger logger, ConnectionKind kind, PathString path, string userId);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information,
        Message = "Closed the {Kind} on {Path} of user {UserId}: the token it was opened with expired at {ExpiresAt:u}")]
    public static partial void ClosedExpired(ILogger logger, ConnectionKind kind, PathString path, string userId, DateTimeOffset expiresAt);
}
