using Microsoft.Extensions.Options;
using Npgsql;

namespace Gateway.Users.PostgreSql;

/// <summary>
/// With the PostgreSQL store, applies the migrations when the gateway starts. A database that cannot be reached does not
/// stop start-up (proxying with valid tokens needs no database; the schema is brought up to date on first contact); one
/// that refuses the gateway (wrong password, no such database) does, with PostgreSQL's reason.
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

        try
        {
            await services.GetRequiredService<PostgreSqlDatabase>().MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgreSqlDatabase.IsUnreachable(ex))
        {
            PostgreSqlLog.UnreachableAtStart(logger, ex.GetType().Name);
        }
        catch (PostgresException ex)
        {
            // MessageText is the server's sentence (e.g. password authentication failed for user "gateway"): no secret.
            throw new GatewayStartupException(
                $"The PostgreSQL user store refused the gateway: {ex.MessageText} ({ex.SqlState}). Check " +
                "Gateway:Users:ConnectionString (Gateway__Users__ConnectionString) and the database's grants.");
        }

        PostgreSqlLog.KeyRingInDatabase(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
