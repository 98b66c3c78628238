using Microsoft.Extensions.Options;

namespace Gateway.Storage.Sql;

/// <summary>
/// Applies the store database's migrations when the gateway starts (whichever service touches the database first does
/// so too). The gateway does not start without its database: the token cut-offs it loads at start-up are what keeps
/// tokens ended before a restart refused.
/// </summary>
internal sealed class StoreStartup(
    IOptions<UserStoreOptions> options, StoreDatabase database, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        if (options.Value.Store == UserStoreKind.PostgreSql)
        {
            StoreLog.KeyRingInDatabase(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
