using System.Diagnostics;

namespace Gateway.Tests.Revocation;

/// <summary>Polls until a condition holds, failing past a deadline: it waits for a state, never for a length of time.</summary>
internal static class Deadline
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <returns>How long the condition took to hold.</returns>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline)
            {
                Assert.Fail($"Not true within {deadline.TotalSeconds:0.###} s: {what}.");
            }

            await Task.Delay(Interval);
        }

        return clock.Elapsed;
    }
}
