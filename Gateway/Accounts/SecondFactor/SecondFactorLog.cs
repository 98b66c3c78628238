using Gateway.RequestPath.Token;

namespace Gateway.Accounts.SecondFactor;

/// <summary>Second-factor events (5000-5099). Codes, secrets and challenges are never logged.</summary>
internal static partial class SecondFactorLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "User {UserId} set up a TOTP secret (not active until confirmed)")]
    public static partial void SetUp(ILogger logger, string userId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "User {UserId} enrolled a second factor; their other sessions ended")]
    public static partial void Enrolled(ILogger logger, string userId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "User {UserId} turned off their second factor; their other sessions ended")]
    public static partial void Disabled(ILogger logger, string userId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Wrong second-factor code for user {UserId}")]
    public static partial void WrongCode(ILogger logger, string userId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Second step locked for user {UserId} after too many wrong codes")]
    public static partial void Locked(ILogger logger, string userId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Refused an invalid, expired or already used sign-in challenge")]
    public static partial void ChallengeRefused(ILogger logger);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "User {UserId} signed in with a recovery code; {Left} left")]
    public static partial void RecoveryCodeUsed(ILogger logger, string userId, int left);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Password accepted for user {UserId}; waiting for the second factor")]
    public static partial void SecondStepRequired(ILogger logger, string userId);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Refused user {UserId} on a route that requires a second factor ({Reason})")]
    public static partial void PolicyRefused(ILogger logger, string userId, SecondFactorRefusal reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error,
        Message = "TOTP secrets cannot be decrypted: the data-protection key ring, now in {KeyRing}, does not hold the key " +
                  "that sealed them, so users who enrolled before cannot finish signing in with a code (recovery codes " +
                  "still work). Setting Gateway:Redis:Configuration with the SQLite user store moves the key ring from the " +
                  "data folder's keys/ to Redis, and Gateway:Users:Store PostgreSql moves it into the database. Copy the " +
                  "old keys into the new key ring and restart (docs/postgresql-and-instances.md, section Moving the key ring), " +
                  "or reset those users' two-step sign-in. Logged once per process")]
    public static partial void SecretsUnreadable(ILogger logger, Exception exception, string keyRing);
}
