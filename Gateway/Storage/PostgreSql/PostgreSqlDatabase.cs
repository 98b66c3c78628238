using System.Net.Sockets;
using Gateway.Accounts;
using Gateway.Hosting.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gateway.Storage.PostgreSql;

/// <summary>
/// The gateway's PostgreSQL database (<c>Gateway:Users:ConnectionString</c>): one pooled <see cref="NpgsqlDataSource"/>
/// for every store, and the schema brought to the current version before first use (see <see cref="PostgreSqlMigrations"/>).
/// A database that cannot be reached surfaces as <see cref="UserStoreUnavailableException"/>.
/// </summary>
internal sealed class PostgreSqlDatabase : IDisposable, IAsyncDisposable
{
    public const string UnavailableMessage = "The PostgreSQL user store cannot be reached.";

    // pg_advisory_xact_lock key for migrations ("gatewayM"): instances starting together queue on it, and each one after
    // the first finds the migrations recorded. Advisory locks are per database, so other databases on the server are free.
    private const long MigrationLock = 0x67617465_7761794D;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgreSqlDatabase> _logger;
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _migrated;

    public PostgreSqlDatabase(IOptions<UserOptions> options, ILogger<PostgreSqlDatabase> logger)
    {
        // UserOptionsValidator has checked it is there and parses.
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString!);
        _logger = logger;
    }

    public static int SchemaVersion => PostgreSqlMigrations.All.Count;

    /// <summary>Opens a connection (after the schema is current), runs <paramref name="work"/> on it.</summary>
    /// <exception cref="UserStoreUnavailableException">The database cannot be reached.</exception>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw new UserStoreUnavailableException(UnavailableMessage, ex);
        }
    }

    public Task RunAsync(Func<NpgsqlConnection, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            await work(connection);
            return true;
        }, cancellationToken);

    /// <summary>The synchronous twin of <see cref="RunAsync{T}"/>, for callers whose interface is synchronous.</summary>
    public T Run<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var connection = _dataSource.OpenConnection();
            return work(connection);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw new UserStoreUnavailableException(UnavailableMessage, ex);
        }
    }

    /// <summary>
    /// Applies the migrations the database lacks, once per process: in one transaction that first takes the advisory
    /// lock, so instances starting at once against an empty database apply each migration exactly once.
    /// </summary>
    /// <exception cref="UserStoreUnavailableException">The database cannot be reached.</exception>
    /// <exception cref="GatewayStartupException">The server refused the gateway (login, database name, grants).</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrating.WaitAsync(cancellationToken);
        try
        {
            if (!_migrated)
            {
                await ApplyMigrationsAsync(cancellationToken);
                _migrated = true;
            }
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw new UserStoreUnavailableException(UnavailableMessage, ex);
        }
        catch (PostgresException ex) when (IsRefusal(ex))
        {
            // MessageText is the server's sentence (password authentication failed for user "gateway"): never a secret.
            throw new GatewayStartupException(
                $"The PostgreSQL user store refused the gateway: {ex.MessageText} ({ex.SqlState}). Check " +
                "Gateway:Users:ConnectionString (Gateway__Users__ConnectionString) and the database's grants.");
        }
        finally
        {
            _migrating.Release();
        }
    }

    /// <summary>True for the failures that mean "cannot reach the database now", as opposed to a bad query or setting.</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        SocketException or TimeoutException => true,
        NpgsqlException { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };

    // Class 28: invalid authorization; 3D000: no such database; 42501: insufficient privilege.
    // https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static bool IsRefusal(PostgresException exception) =>
        exception.SqlState.StartsWith("28", StringComparison.Ordinal)
        || exception.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege;

    public void Dispose()
    {
        _dataSource.Dispose();
        _migrating.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _migrating.Dispose();
    }

    private async Task ApplyMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The lock comes before anything else, even CREATE TABLE IF NOT EXISTS: two of those at once can both fail
        // over the same catalog row.
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        await using var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection);
        var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new GatewayStartupException(
                $"The PostgreSQL user store is at schema version {version}, newer than this gateway knows ({SchemaVersion}). " +
                "Run the newer gateway, or restore a backup taken before it migrated.");
        }

        for (var next = version + 1; next <= SchemaVersion; next++)
        {
            await ExecuteAsync(connection, PostgreSqlMigrations.All[next - 1], cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@version)", connection);
            record.Parameters.AddWithValue("version", next);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        for (var applied = version + 1; applied <= SchemaVersion; applied++)
        {
            PostgreSqlLog.MigrationApplied(_logger, applied, SchemaVersion);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
