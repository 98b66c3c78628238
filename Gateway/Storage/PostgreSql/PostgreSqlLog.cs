namespace Gateway.Storage.PostgreSql;

/// <summary>PostgreSQL store events: versions and exception types only, never the connection string.</summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information,
        Message = "Applied PostgreSQL schema migration {Version} of {Latest}")]
    public static partial void MigrationApplied(ILogger logger, int version, int latest);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "The data-protection key ring is in the PostgreSQL user store (table data_protection_keys)")]
    public static partial void KeyRingInDatabase(ILogger logger);
}
