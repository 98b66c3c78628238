namespace Gateway.RequestPath.WebSockets;

internal static partial class WebSocketLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Information,
        Message = "Closed the WebSocket on {Path} of user {UserId}: its session was logged out or revoked")]
    public static partial void ClosedRevoked(ILogger logger, PathString path, string userId);
}
