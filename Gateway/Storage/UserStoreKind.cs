namespace Gateway.Storage;

/// <summary><c>Gateway:Users:Store</c>.</summary>
internal enum UserStoreKind
{
    /// <summary>The embedded default: one SQLite file in the data folder, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every instance (<c>Gateway:Users:ConnectionString</c>).</summary>
    PostgreSql,
}
