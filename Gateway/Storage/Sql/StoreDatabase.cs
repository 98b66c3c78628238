using System.Data.Common;

using Gateway.Hosting.Options;

namespace Gateway.Storage.Sql;

/// <summary>
/// The one database every store shares, SQLite or PostgreSQL as <c>Gateway:Users:Store</c> says: its schema brought to
/// the current version before first use, and a database out of reach surfaced as <see cref="UserStoreUnavailableException"/>,
/// whose message names the store, never the connection string.
/// </summary>
internal sealed class StoreDatabase(SqlDialect dialect, ILogger<StoreDatabase> logger) : IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _migrating = new(1, 1);
    private volatile bool _migrated;

    public SqlDialect Dialect => dialect;

    private string UnavailableMessage => $"The {dialect.Name} user store cannot be reached.";

    /// <summary>Opens a connection (after the schema is current), runs <paramref name="work"/> on it.</summary>
    /// <exception cref="UserStoreUnavailableException">The database cannot be reached.</exception>
    public async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
            await using var connection = await dialect.OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception ex) when (dialect.IsUnreachable(ex))
        {
            throw new UserStoreUnavailableException(UnavailableMessage, ex);
        }
    }

    /// <summary>The synchronous twin of <see cref="RunAsync{T}"/>, for callers whose interface is synchronous.</summary>
    public T Run<T>(Func<DbConnection, T> work)
    {
        try
        {
            MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var connection = dialect.Open();
            return work(connection);
        }
        catch (Exception ex) when (dialect.IsUnreachable(ex))
        {
            throw new UserStoreUnavailableException(UnavailableMessage, ex);
        }
    }

    /// <summary>Applies the migrations the database lacks, once per process (see <see cref="MigrationRunner"/>).</summary>
    /// <exception cref="UserStoreUnavailableException">The database cannot be reached.</exception>
    /// <exception cref="GatewayStartupException">The server refused the gateway, or its schema is newer than this gateway.</exception>
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
                await using var connection = await dialect.OpenAsync(cancellationToken);
                await MigrationRunner.RunAsync(connection, dialect, logger, cancellationToken);
                _migrated = true;
            }
        }
        catch (Exception ex) when (dialect.IsUnreachable(ex))
        {
            throw new UserStoreUnavailableException(UnavailableMessage, ex);
        }
        catch (Exception ex) when (dialect.Refusal(ex) is { } refusal)
        {
            throw new GatewayStartupException(refusal);
        }
        finally
        {
            _migrating.Release();
        }
    }

    public void Dispose()
    {
        (dialect as IDisposable)?.Dispose();
        _migrating.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (dialect is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        _migrating.Dispose();
    }
}
