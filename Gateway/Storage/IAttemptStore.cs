namespace Gateway.Storage;

/// <summary>A key's attempts in its current window, and when that window ends.</summary>
internal readonly record struct StoredAttempts(long Count, DateTimeOffset WindowEnds);

/// <summary>
/// Attempt counts in the user store's database (table <c>attempt_counts</c>), shared by every instance that shares the
/// database: a fixed window per key, starting at the key's first attempt. Keys arrive hashed.
/// </summary>
internal interface IAttemptStore
{
    /// <summary>Counts one attempt in one statement; a window that has ended starts again at <paramref name="now"/>.</summary>
    Task<StoredAttempts> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);

    Task ClearAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets the windows that ended before <paramref name="now"/>.</summary>
    Task PruneAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
