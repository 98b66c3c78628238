namespace Gateway.Accounts;

/// <summary>Account events: user ids only, never a password or a token.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Logged out user {UserId} everywhere: tokens issued before {CutOff:u} are refused")]
    public static partial void LoggedOutEverywhere(ILogger logger, string userId, DateTimeOffset cutOff);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information,
        Message = "User {UserId} changed their password: tokens issued before {CutOff:u} are refused")]
    public static partial void PasswordChanged(ILogger logger, string userId, DateTimeOffset cutOff);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "Refused a password change for user {UserId}: the current password was wrong")]
    public static partial void PasswordChangeRefused(ILogger logger, string userId);
}
