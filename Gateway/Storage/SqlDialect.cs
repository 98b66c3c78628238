using System.Data.Common;

namespace Gateway.Storage;

/// <summary>
/// What differs between the databases the stores run on (<see cref="Sqlite.SqliteDialect"/>,
/// <see cref="PostgreSql.PostgreSqlDialect"/>). The stores' SQL is written once around these pieces; everything else
/// (named @parameters, ON CONFLICT upserts, TRUE and FALSE, RETURNING, transactions) both databases read alike.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The database's name in messages: "The {Name} user store cannot be reached."</summary>
    public abstract string Name { get; }

    /// <summary>The larger of two values: two-argument MAX in SQLite, GREATEST in PostgreSQL.</summary>
    public abstract string Greatest { get; }

    /// <summary>A LIKE that ignores case, at least the ASCII letters a username is made of.</summary>
    public abstract string LikeIgnoringCase { get; }

    /// <summary>A collation that sorts by bytes, whatever locale the database was created with.</summary>
    public abstract string ByteOrder { get; }

    /// <summary>Numbered, append-only: version n is <c>Migrations[n - 1]</c> (see <see cref="MigrationRunner"/>).</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>The table recording each migration applied, created if missing.</summary>
    public abstract string CreateSchemaMigrations { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>For the callers whose interface is synchronous (the data-protection key ring).</summary>
    public abstract DbConnection Open();

    /// <summary>A transaction that one instance at a time holds, so replicas starting at once migrate once.</summary>
    public abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// The schema version a gateway older than <c>schema_migrations</c> recorded its own way, read when that table is
    /// empty; 0 when there was none.
    /// </summary>
    public virtual Task<int> LegacyVersionAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.FromResult(0);

    /// <summary>True for the failures that mean "cannot reach the database now", as opposed to a bad query or setting.</summary>
    public abstract bool IsUnreachable(Exception exception);

    /// <summary>The operator's sentence when the server refused the gateway (login, database name, grants); else null.</summary>
    public virtual string? Refusal(Exception exception) => null;
}
