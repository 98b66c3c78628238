namespace Gateway.Revocation;

/// <summary>Redis revocation events. Endpoints and counts only: never the configuration string (it may hold a password) nor a token.</summary>
internal static partial class RevocationLog
{
    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Redis is unreachable at start-up ({Reason}). The gateway starts anyway: revocations are checked against " +
                  "this instance's view (user cut-offs from the user store), new ones are queued, and Redis is retried in the background.")]
    public static partial void UnavailableAtStart(ILogger logger, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
        Message = "Lost Redis ({Reason}): revocations are checked against this instance's view and new ones are queued until it is back")]
    public static partial void Lost(ILogger logger, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information,
        Message = "Revocations in sync with Redis: loaded {Loaded} entries, wrote {Written} queued and restored {Restored} it lacked")]
    public static partial void InSync(ILogger logger, int loaded, int written, int restored);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning,
        Message = "Could not write a revocation to Redis ({Reason}); it is enforced here and queued ({Pending} waiting)")]
    public static partial void Queued(ILogger logger, string reason, int pending);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error,
        Message = "Stopping with {Pending} revocations never written to Redis: other instances will not enforce them")]
    public static partial void PendingLost(ILogger logger, int pending);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Syncing revocations with Redis failed ({Reason}); retrying")]
    public static partial void SyncFailed(ILogger logger, string reason);
}
