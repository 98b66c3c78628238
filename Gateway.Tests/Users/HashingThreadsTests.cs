using Gateway.Users;

namespace Gateway.Tests.Users;

public sealed class HashingThreadsTests
{
    [Fact]
    public async Task RunAsync_ManyAtOnce_NeverRunsMoreThanItsThreadCount()
    {
        using var threads = new HashingThreads(2);
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
        using var threads = new HashingThreads(1);
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
        using var threads = new HashingThreads(1);

        var failed = threads.RunAsync<int>(() => throw new InvalidOperationException("boom"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal("boom", ex.Message);
        Assert.Equal(1, await threads.RunAsync(() => 1, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_OnLinux_RunsAtNicenessTen()
    {
        Assert.True(OperatingSystem.IsLinux(), "The gateway and its tests run on Linux.");
        using var threads = new HashingThreads(1);

        // Field 19 of /proc/thread-self/stat is the thread's nice value (proc(5)); the command name before it is in parentheses.
        var stat = await threads.RunAsync(() => File.ReadAllText("/proc/thread-self/stat"), CancellationToken.None);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        Assert.Equal("10", fields[16]);
    }

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
