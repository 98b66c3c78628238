namespace Gateway.Accounts;

internal static partial class HashingLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Answered {Path} 503 busy: {Reason}")]
    public static partial void Busy(ILogger logger, string path, string reason);
}
