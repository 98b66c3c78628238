namespace Gateway.Revocation;

/// <summary>Says at start-up where revocations live, so an operator running several instances notices in-memory mode.</summary>
internal sealed partial class RevocationStartupNotice(ITokenRevocation revocation, ILogger<RevocationStartupNotice> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (revocation is InMemoryTokenRevocation)
        {
            LogInMemory(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Token revocation is kept in memory: a logout is enforced by this instance only. " +
                  "Set Gateway:Redis:Configuration to share revocations between instances.")]
    private static partial void LogInMemory(ILogger logger);
}
