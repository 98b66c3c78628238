namespace Gateway.Storage.Sql;

/// <summary>The store database's schema and key ring: versions only, never the connection string.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Applied {Store} schema migration {Version} of {Latest}")]
    public static partial void MigrationApplied(ILogger logger, string store, int version, int latest);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Recorded the {Store} schema version {Version} an earlier gateway left in schema_migrations")]
    public static partial void LegacyVersionAdopted(ILogger logger, string store, int version);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "The data-protection key ring is in the PostgreSQL user store (table data_protection_keys)")]
    public static partial void KeyRingInDatabase(ILogger logger);
}
