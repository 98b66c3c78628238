using System.Collections.Concurrent;

namespace Gateway.Users;

/// <summary>
/// A few dedicated, low-priority threads for password hashing. Hashing is deliberately slow CPU work: on the thread
/// pool it would compete as an equal with proxying, so a flood of logins could starve every app behind the gateway.
/// Here at most <c>count</c> hashes run at once, the rest wait in a queue (logins slow down, they do not fail), and
/// the kernel gives the cores to request threads first.
/// </summary>
internal sealed class HashingThreads : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;

    public HashingThreads(int count)
    {
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"password-hashing-{i}" };
            _threads[i].Start();
        }
    }

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        _queue.Add(() =>
        {
            registration.Dispose();

            // A request that gave up while queued costs no hash.
            if (completion.Task.IsCompleted)
            {
                return;
            }

            try
            {
                completion.TrySetResult(work());
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
        }, CancellationToken.None);
        return completion.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        LowPriority.ApplyToCurrentThread();
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }
    }
}
