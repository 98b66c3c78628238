namespace Gateway.Administration.WebPage;

internal static partial class AdminPageLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information,
        Message = "Admin page: {Action} of user {UserId} by {ActorId} refused ({Field}): {Reason}")]
    public static partial void Refused(ILogger logger, string action, string userId, string actorId, string field, string reason);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information,
        Message = "Admin page: {Action} of user {UserId} by {ActorId} not confirmed")]
    public static partial void NotConfirmed(ILogger logger, string action, string userId, string actorId);
}
