using Gateway.Accounts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts;

public sealed class HashingThreadsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RunAsync_ManyAtOnce_NeverRunsMoreThanItsThreadCount()
    {
        using var threads = Threads(2);
        var running = 0;
        var most = 0;

        var tasks = Enumerable.Range(0, 20).Select(_ => threads.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.SpinWait(200_000);
            Interlocked.Decrement(ref running);
            return now;
        }, CancellationToken.None));
        await Task.WhenAll(tasks);

        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileQueued_IsCancelledAndNeverRuns()
    {
        using var threads = Threads(1);
        using var release = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var blocker = threads.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        var ran = false;

        var queued = threads.RunAsync(() => ran = true, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        release.Set();
        await blocker;
        await threads.RunAsync(() => true, CancellationToken.None);

        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_WorkThrows_FaultsTheTask()
    {
        using var threads = Threads(1);

        var failed = threads.RunAsync<int>(() => throw new InvalidOperationException("boom"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal("boom", ex.Message);
        Assert.Equal(1, await threads.RunAsync(() => 1, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_OnLinux_RunsAtNicenessTen()
    {
        Assert.True(OperatingSystem.IsLinux(), "The gateway and its tests run on Linux.");
        using var threads = Threads(1);

        // Field 19 of /proc/thread-self/stat is the thread's nice value (proc(5)); the command name before it is in parentheses.
        var stat = await threads.RunAsync(() => File.ReadAllText("/proc/thread-self/stat"), CancellationToken.None);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        Assert.Equal("10", fields[16]);
    }

    [Fact]
    public async Task RunAsync_QueueFull_RefusesWithHashingBusyAndNeverRuns()
    {
        using var threads = Threads(1, maxQueued: 1);
        using var busy = HeldHashing.Hold(threads);
        var queued = threads.RunAsync(() => true, CancellationToken.None);
        var ran = false;

        var refused = threads.RunAsync(() => ran = true, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<HashingBusyException>(() => refused);
        Assert.Equal(Deadline, ex.RetryAfter);
        Assert.Equal(1, threads.QueueLength);
        busy.Release();
        Assert.True(await queued);
        Assert.Equal(0, threads.QueueLength);
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_DeadlinePassesWhileQueued_RefusesAtOnceAndNeverRuns()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        using var threads = Threads(1, maxQueued: 10, clock);
        using var busy = HeldHashing.Hold(threads);
        var ran = false;
        var queued = threads.RunAsync(() => ran = true, CancellationToken.None);
        Assert.Equal(1, threads.QueueLength);

        clock.Advance(Deadline + TimeSpan.FromSeconds(1));

        // Answered while the only thread is still busy: the caller does not wait for it.
        await Assert.ThrowsAsync<HashingBusyException>(() => queued);
        Assert.Equal(0, threads.QueueLength);
        busy.Release();
        await threads.RunAsync(() => true, CancellationToken.None);
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_PastDeadlineWhenAThreadFreesUp_IsDroppedNotHashedLate()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        using var threads = Threads(1, maxQueued: 10, clock);
        var busy = HeldHashing.Hold(threads);
        var ran = false;
        var queued = threads.RunAsync(() => ran = true, CancellationToken.None);

        // The clock moves but the deadline timer has not fired yet, as when the thread pool is slow to run it.
        clock.Now += Deadline + TimeSpan.FromSeconds(1);
        busy.Dispose();

        await Assert.ThrowsAsync<HashingBusyException>(() => queued);
        Assert.False(ran);
        Assert.Equal(0, threads.QueueLength);
    }

    [Fact]
    public async Task RunAsync_AfterRefusals_QueueLengthCountsOnlyWaitingWork()
    {
        using var threads = Threads(1, maxQueued: 2);
        using var busy = HeldHashing.Hold(threads);
        using var cancel = new CancellationTokenSource();
        var first = threads.RunAsync(() => 1, cancel.Token);
        var second = threads.RunAsync(() => 2, CancellationToken.None);
        Assert.Equal(2, threads.QueueLength);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var third = threads.RunAsync(() => 3, CancellationToken.None);

        Assert.Equal(2, threads.QueueLength);
        busy.Release();
        Assert.Equal(5, await second + await third);
        Assert.Equal(0, threads.QueueLength);
    }

    private static HashingThreads Threads(int count, int maxQueued = 100, TimeProvider? time = null) =>
        new(count, maxQueued, Deadline, time ?? TimeProvider.System);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
