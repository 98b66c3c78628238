using Gateway.Storage;

namespace Gateway.Revocation;

/// <summary>
/// Loads the users' token cut-offs from the user store into the local view at start-up, so "log out everywhere" and
/// password changes survive a restart and a Redis that lost its data.
/// </summary>
internal sealed partial class StoredCutOffs(
    IUserStore users, InMemoryTokenRevocation view, TimeProvider time, ILogger<StoredCutOffs> logger) : IHostedService
{
    // The longest lifetime plus clock skew Gateway:Jwt allows: an older cut-off can only end tokens that have expired.
    private static readonly TimeSpan LongestTokenLife = TimeSpan.FromDays(30) + TimeSpan.FromMinutes(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cutOffs = await users.ListTokenCutOffsAsync(time.GetUtcNow() - LongestTokenLife, cancellationToken);
        foreach (var (userId, cutOff) in cutOffs)
        {
            view.Apply(new RevocationEntry.User(userId, cutOff.ToUnixTimeSeconds()));
        }

        LogLoaded(logger, cutOffs.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Loaded {Count} token cut-offs from the user store")]
    private static partial void LogLoaded(ILogger logger, int count);
}
