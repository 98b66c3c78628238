using Gateway.Accounts;
using Microsoft.Extensions.Options;

namespace Gateway.Storage.PostgreSql;

/// <summary>
/// With the PostgreSQL store, applies the migrations when the gateway starts (whichever service touches the database
/// first does so too). The gateway does not start without its database: the token cut-offs it loads at start-up are
/// what keeps tokens ended before a restart refused.
/// </summary>
internal sealed class PostgreSqlStartup(
    IOptions<UserOptions> options, IServiceProvider services, ILogger<PostgreSqlStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Store != UserStoreKind.PostgreSql)
        {
            return;
        }

        await services.GetRequiredService<PostgreSqlDatabase>().MigrateAsync(cancellationToken);
        PostgreSqlLog.KeyRingInDatabase(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
