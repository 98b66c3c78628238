using Gateway.Accounts;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Keeps password-hashing threads busy until released, and optionally fills their queue: the work has started when
/// <see cref="Hold"/> returns, so what the test queues next waits, deterministically, without sleeps.
/// </summary>
internal sealed class HeldHashing : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly List<Task> _work = [];

    private HeldHashing()
    {
    }

    /// <param name="threads">How many hashing threads to hold: all of them, for the queue to fill.</param>
    /// <param name="queued">Items then put in the queue, behind the held threads.</param>
    public static HeldHashing Hold(HashingThreads hashing, int threads = 1, int queued = 0)
    {
        var held = new HeldHashing();
        using var started = new CountdownEvent(threads);
        for (var i = 0; i < threads; i++)
        {
            held._work.Add(hashing.RunAsync(() =>
            {
                started.Signal();
                return held._release.Wait(TimeSpan.FromSeconds(30));
            }, CancellationToken.None));
        }

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "The hashing threads never started the blocking work.");
        for (var i = 0; i < queued; i++)
        {
            held._work.Add(hashing.RunAsync(() => true, CancellationToken.None));
        }

        Assert.Equal(queued, hashing.QueueLength);
        return held;
    }

    /// <summary>Held by a running gateway: its only hashing thread (MaxConcurrentHashes=1) and a full queue.</summary>
    public static HeldHashing Saturate(GatewayServer gateway, int maxQueued) =>
        Hold(gateway.Services.GetRequiredService<HashingThreads>(), threads: 1, queued: maxQueued);

    public void Release() => _release.Set();

    public void Dispose()
    {
        _release.Set();
        Task.WhenAll(_work).GetAwaiter().GetResult();
        _release.Dispose();
    }
}
