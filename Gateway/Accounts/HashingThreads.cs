using System.Collections.Concurrent;

using Gateway.Telemetry;

namespace Gateway.Accounts;

/// <summary>
/// A few dedicated, low-priority threads for password hashing. Hashing is deliberately slow CPU work: on the thread
/// pool it would compete as an equal with proxying, so a flood of logins could starve every app behind the gateway.
/// Here at most <c>count</c> hashes run at once and the kernel gives the cores to request threads first. The rest wait
/// in a bounded queue, each until its deadline: a hash that cannot start in time is refused with
/// <see cref="HashingBusyException"/> and never computed late, so a flood makes logins fail fast rather than wait.
/// </summary>
internal sealed class HashingThreads : IHashingQueue, IDisposable
{
    private readonly BlockingCollection<QueuedHash> _queue = new();
    private readonly Thread[] _threads;
    private readonly int _maxQueued;
    private readonly TimeSpan _deadline;
    private readonly TimeProvider _time;
    private readonly bool _lowPriority;
    private int _queued;
    private int _disposed;

    public HashingThreads(int count, int maxQueued, TimeSpan deadline, TimeProvider time, bool lowPriority = true)
    {
        _lowPriority = lowPriority;
        _maxQueued = maxQueued;
        _deadline = deadline;
        _time = time;
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"password-hashing-{i}" };
            _threads[i].Start();
        }
    }

    public static HashingThreads For(UserOptions options, TimeProvider time) =>
        new(options.MaxConcurrentHashes, options.QueueBound(), options.HashDeadline, time, options.LowPriorityHashing);

    /// <summary>Hashes waiting for a thread, not counting those running. Cheap to read, for metrics.</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <summary>How long a refused caller should wait before trying again: about the time the queue takes to drain.</summary>
    public TimeSpan RetryAfter => _deadline;

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            return Task.FromException<T>(new HashingBusyException(
                $"the password-hashing queue is full ({_maxQueued} waiting)", RetryAfter));
        }

        var item = new QueuedHash<T>(this, work, _time.GetUtcNow() + _deadline);
        item.Watch(cancellationToken);
        _queue.Add(item, CancellationToken.None);
        return item.Task;
    }

    // Registered as itself and as the metrics' IHashingQueue, so the container disposes it twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        if (_lowPriority)
        {
            LowPriority.ApplyToCurrentThread();
        }

        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item.Run();
        }
    }

    private abstract class QueuedHash
    {
        public abstract void Run();
    }

    /// <summary>
    /// One waiting hash. Exactly one of three wins it, and only the winner leaves the queue count: a thread that runs
    /// it, the deadline timer, or the caller's cancellation. The losers find it taken and do nothing.
    /// </summary>
    private sealed class QueuedHash<T>(HashingThreads owner, Func<T> work, DateTimeOffset deadline) : QueuedHash
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Dropped once the item is refused, so a dead item still in the queue no longer holds the password.
        private Func<T>? _work = work;
        private int _taken;
        private ITimer? _timer;
        private CancellationTokenRegistration _cancellation;

        public Task<T> Task => _completion.Task;

        public void Watch(CancellationToken cancellationToken)
        {
            _timer = owner._time.CreateTimer(static state => ((QueuedHash<T>)state!).Expire(), this,
                owner._deadline, Timeout.InfiniteTimeSpan);
            _cancellation = cancellationToken.Register(static (state, token) =>
            {
                var item = (QueuedHash<T>)state!;
                if (item.TryTake())
                {
                    item._work = null;
                    item._completion.TrySetCanceled(token);
                }
            }, this);
        }

        public override void Run()
        {
            if (!TryTake())
            {
                return;
            }

            // The timer may not have fired yet (a busy thread pool): the deadline still holds.
            if (owner._time.GetUtcNow() > deadline)
            {
                _completion.TrySetException(Late());
                return;
            }

            try
            {
                _completion.TrySetResult(_work!());
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
        }

        private void Expire()
        {
            if (TryTake())
            {
                _work = null;
                _completion.TrySetException(Late());
            }
        }

        private bool TryTake()
        {
            if (Interlocked.Exchange(ref _taken, 1) != 0)
            {
                return false;
            }

            Interlocked.Decrement(ref owner._queued);
            _timer?.Dispose();
            _cancellation.Dispose();
            return true;
        }

        private HashingBusyException Late() =>
            new($"a password hash waited past its {owner._deadline.TotalSeconds:0.#} s deadline", owner.RetryAfter);
    }
}
