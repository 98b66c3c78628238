using System.Diagnostics;

namespace Gateway.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes: waiting for a state, never for a length of time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <returns>How long the condition took to hold.</returns>
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline)
            {
                Assert.Fail($"Gave up after {deadline.TotalSeconds:0.###} s waiting until {what}.");
            }

            await Task.Delay(Interval, CancellationToken.None);
        }

        return clock.Elapsed;
    }
}
