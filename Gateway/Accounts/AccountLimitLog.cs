namespace Gateway.Accounts;

internal static partial class AccountLimitLog
{
    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning,
        Message = "Sign-in for {Username} refused until its window ends: {Limit} failed password checks within {Window}")]
    public static partial void Limited(ILogger logger, string username, int limit, TimeSpan window);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning,
        Message = "Redis cannot be reached: failed sign-ins are counted on this instance only until it is back")]
    public static partial void CountingLocally(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Information, Message = "Redis reached again: failed sign-ins are counted in Redis")]
    public static partial void CountingInRedisAgain(ILogger logger);
}
