namespace Gateway.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes: waiting for a state, never for a length of time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Gave up after {deadline.TotalSeconds:0} s waiting until {what}.");
            }

            await Task.Delay(Interval, CancellationToken.None);
        }
    }
}
