namespace Gateway.Accounts;

/// <summary>How many attempts a key has had in its current window, and how long that window has left.</summary>
internal readonly record struct AttemptCount(long Count, TimeSpan WindowLeft);

/// <summary>Counts attempts per key in a fixed window that starts at the key's first attempt.</summary>
internal interface IAttemptCounter
{
    /// <summary>Counts one more attempt, in one step: concurrent attempts each get their own count.</summary>
    ValueTask<AttemptCount> CountAsync(string key, TimeSpan window);

    ValueTask ClearAsync(string key);
}
