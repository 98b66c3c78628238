namespace Gateway.Responses;

/// <summary>The user store out of reach: the store's own message, which names the store and never the connection string.</summary>
internal static partial class StoreOutageLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning, Message = "Answered {Path} 503 store_unavailable: {Reason}")]
    public static partial void Answered(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Sliding refresh skipped while the user store is unreachable ({Reason}); the current tokens stay valid until they expire")]
    public static partial void SlidingSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Sliding refresh works again: the user store is reachable")]
    public static partial void SlidingResumed(ILogger logger);
}
