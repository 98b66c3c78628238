using System.Data.Common;
using System.Net.Sockets;
using Gateway.Storage.Sql;
using Dapper;
using Npgsql;

namespace Gateway.Storage.PostgreSql;

/// <summary>
/// The gateway's PostgreSQL database (<c>Gateway:Users:ConnectionString</c>), shared by every instance: one pooled
/// <see cref="NpgsqlDataSource"/> for every store.
/// </summary>
internal sealed class PostgreSqlDialect(string connectionString) : SqlDialect, IDisposable, IAsyncDisposable
{
    // pg_advisory_xact_lock key for migrations ("gatewayM"): instances starting together queue on it, and each one after
    // the first finds the migrations recorded. Advisory locks are per database, so other databases on the server are free.
    private const long MigrationLock = 0x67617465_7761794D;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "PostgreSQL";

    public override string Greatest => "GREATEST";

    // Usernames are ASCII, so its case folding matches SQLite's LIKE there.
    public override string LikeIgnoringCase => "ILIKE";

    public override string ByteOrder => "COLLATE \"C\"";

    public override IReadOnlyList<string> Migrations => PostgreSqlMigrations.All;

    public override string CreateSchemaMigrations => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override DbConnection Open() => _dataSource.OpenConnection();

    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The lock comes before anything else, even CREATE TABLE IF NOT EXISTS: two of those at once can both fail
        // over the same catalog row.
        await connection.ExecuteAsync(new CommandDefinition(
            $"SELECT pg_advisory_xact_lock({MigrationLock})", transaction: transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    public override bool IsUnreachable(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        SocketException or TimeoutException => true,
        NpgsqlException { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };

    // Class 28: invalid authorization; 3D000: no such database; 42501: insufficient privilege.
    // https://www.postgresql.org/docs/current/errcodes-appendix.html
    // MessageText is the server's sentence (password authentication failed for user "gateway"): never a secret.
    public override string? Refusal(Exception exception) =>
        exception is PostgresException refused
            && (refused.SqlState.StartsWith("28", StringComparison.Ordinal)
                || refused.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege)
            ? $"The PostgreSQL user store refused the gateway: {refused.MessageText} ({refused.SqlState}). Check " +
                "Gateway:Users:ConnectionString (Gateway__Users__ConnectionString) and the database's grants."
            : null;

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
