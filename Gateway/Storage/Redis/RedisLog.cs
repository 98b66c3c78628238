namespace Gateway.Storage.Redis;

/// <summary>Redis connection events: endpoints and the key prefix only, never the configuration string (it may hold a password).</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "Token revocation is shared through Redis at {EndPoints} under the key prefix {KeyPrefix}")]
    public static partial void Connecting(ILogger logger, string endPoints, string keyPrefix);
}
