namespace Gateway.Telemetry;

/// <summary>The password hashes waiting for a hashing thread, observed by the <c>gateway.password_hash.queued</c> gauge.</summary>
internal interface IHashingQueue
{
    int QueueLength { get; }
}
