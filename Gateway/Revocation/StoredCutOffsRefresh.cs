using Gateway.Storage;

namespace Gateway.Revocation;

/// <summary>
/// Every <see cref="Interval"/>, applies the token cut-offs written to the user store lately, so one written by another
/// process (<c>Gateway.dll users disable</c>, an instance that could not reach Redis) is enforced here without a restart.
/// Cut-offs only ever move forward and applying one twice changes nothing, so re-reading the recent ones is harmless.
/// </summary>
internal sealed partial class StoredCutOffsRefresh(
    IUserStore users, InMemoryTokenRevocation view, TimeProvider time, ILogger<StoredCutOffsRefresh> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    // A cut-off is stored as the writer's next second (TokenCutOff.Next), or a second past the one before: looking back
    // this far catches every one written since the last look, despite that rounding and a writer that took a while.
    private static readonly TimeSpan LookBack = TimeSpan.FromMinutes(1);

    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                var cutOffs = await users.ListTokenCutOffsAsync(time.GetUtcNow() - LookBack, stoppingToken);
                foreach (var (userId, cutOff) in cutOffs)
                {
                    view.Apply(new RevocationEntry.User(userId, cutOff.ToUnixTimeSeconds()));
                }

                _failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Reported once per outage; the loop lives on, and the cut-offs this instance writes itself stay enforced.
                if (!_failing)
                {
                    LogFailed(logger, ex.GetType().Name);
                }

                _failing = true;
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "Could not read token cut-offs from the user store ({Reason}); retrying. Sign-outs made by other processes wait until it works")]
    private static partial void LogFailed(ILogger logger, string reason);
}
