namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A clock the test moves by hand. Setting <see cref="Now"/> moves it without firing timers, as if their callbacks were
/// late; <see cref="Advance"/> moves it and fires, on the calling thread, every timer that came due.
/// </summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by)
    {
        Now += by;
        List<ManualTimer> due;
        lock (_timers)
        {
            due = _timers.Where(timer => timer.DueAt <= Now).ToList();
            _timers.RemoveAll(due.Contains);
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>One-shot timers only, which is all the code under test creates.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer, bool armed)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
            if (armed)
            {
                _timers.Add(timer);
            }
        }
    }

    /// <summary>A one-shot or periodic timer (a PeriodicTimer on this clock ticks once per period the clock advances past).</summary>
    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public void Fire()
        {
            if (_period != Timeout.InfiniteTimeSpan)
            {
                DueAt = clock.Now + _period;
                clock.Schedule(this, armed: true);
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock.Now + dueTime;
            clock.Schedule(this, armed: dueTime != Timeout.InfiniteTimeSpan);
            return true;
        }

        public void Dispose() => clock.Schedule(this, armed: false);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
