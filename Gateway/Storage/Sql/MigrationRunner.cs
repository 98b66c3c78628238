using System.Data.Common;
using Gateway.Hosting.Options;
using Dapper;
using static Gateway.Storage.Sql.StoreCommands;

namespace Gateway.Storage.Sql;

/// <summary>
/// Brings either database to the current schema: the dialect's numbered, append-only migrations, each applied once and
/// recorded in <c>schema_migrations</c>, all in one transaction that a single instance holds at a time
/// (<see cref="SqlDialect.BeginMigrationAsync"/>), so instances starting together apply each migration exactly once.
/// </summary>
internal static class MigrationRunner
{
    public static async Task RunAsync(
        DbConnection connection, SqlDialect dialect, ILogger logger, CancellationToken cancellationToken)
    {
        var latest = dialect.Migrations.Count;
        await using var transaction = await dialect.BeginMigrationAsync(connection, cancellationToken);
        await connection.ExecuteAsync(Command(dialect.CreateSchemaMigrations, null, transaction, cancellationToken));
        var version = await connection.ExecuteScalarAsync<int>(
            Command("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", null, transaction, cancellationToken));

        // A database from before schema_migrations: what its own marker says was applied is recorded, not run again.
        var adopted = version == 0 ? await dialect.LegacyVersionAsync(connection, transaction, cancellationToken) : 0;
        if (Math.Max(version, adopted) > latest)
        {
            throw new GatewayStartupException(
                $"The {dialect.Name} user store is at schema version {Math.Max(version, adopted)}, newer than this gateway " +
                $"knows ({latest}). Run the newer gateway, or restore a backup taken before it migrated.");
        }

        for (var next = version + 1; next <= latest; next++)
        {
            if (next > adopted)
            {
                await connection.ExecuteAsync(Command(dialect.Migrations[next - 1], null, transaction, cancellationToken));
            }

            await connection.ExecuteAsync(Command(
                "INSERT INTO schema_migrations (version) VALUES (@next)", new { next }, transaction, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        if (adopted > 0)
        {
            StoreLog.LegacyVersionAdopted(logger, dialect.Name, adopted);
        }

        for (var applied = Math.Max(version, adopted) + 1; applied <= latest; applied++)
        {
            StoreLog.MigrationApplied(logger, dialect.Name, applied, latest);
        }
    }
}
