using System.Collections.Concurrent;

namespace Gateway.Revocation;

/// <summary>
/// Revocations made while Redis could not take them, written in order once it is back. They are enforced by this
/// instance from the moment they are made; the queue only carries them to the others. It lives in memory: an instance
/// stopped during an outage loses what it still holds (a user's cut-off is in the user store regardless).
/// </summary>
internal sealed class PendingRevocations
{
    private readonly ConcurrentQueue<RevocationEntry> _queue = new();

    public int Count => _queue.Count;

    public void Add(RevocationEntry entry) => _queue.Enqueue(entry);

    public bool TryPeek(out RevocationEntry entry) => _queue.TryPeek(out entry!);

    /// <summary>Drops the entry <see cref="TryPeek"/> returned, once it is written. Only the sync loop calls this.</summary>
    public void RemoveWritten() => _queue.TryDequeue(out _);
}
