namespace Gateway.Accounts;

/// <summary>
/// A password hash was refused: the queue was full, or the hash waited past its deadline. It was not and will not be
/// computed; the request is answered 503 with a Retry-After instead of leaving a person waiting.
/// </summary>
internal sealed class HashingBusyException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
