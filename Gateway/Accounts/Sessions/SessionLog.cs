namespace Gateway.Accounts.Sessions;

/// <summary>Session events: user and session ids only, never a token or a credential.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Debug, Message = "Refreshed the token of session {SessionId} of user {UserId}")]
    public static partial void Refreshed(ILogger logger, string sessionId, string userId);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information,
        Message = "Restored remembered session {SessionId} of user {UserId} with a new token")]
    public static partial void Restored(ILogger logger, string sessionId, string userId);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Information,
        Message = "Did not continue session {SessionId} of user {UserId}: {Reason}")]
    public static partial void Refused(ILogger logger, string sessionId, string userId, string reason);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning,
        Message = "Refused the remember-me cookie of session {SessionId} of user {UserId}: this browser's last sign-in " +
                  "was another session, so the cookie was planted or left over from another Path or Domain")]
    public static partial void RememberCookieOfAnotherSession(ILogger logger, string sessionId, string userId);
}
