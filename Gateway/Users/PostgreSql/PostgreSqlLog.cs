namespace Gateway.Users.PostgreSql;

/// <summary>PostgreSQL store events: versions and exception types only, never the connection string.</summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information,
        Message = "Applied PostgreSQL schema migration {Version} of {Latest}")]
    public static partial void MigrationApplied(ILogger logger, int version, int latest);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "The PostgreSQL user store is unreachable at start-up ({Reason}). The gateway starts anyway: tokens already " +
                  "issued keep working, sign-in and registration answer 503, and the schema is brought up to date on first contact.")]
    public static partial void UnreachableAtStart(ILogger logger, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "The data-protection key ring is in the PostgreSQL user store (table data_protection_keys)")]
    public static partial void KeyRingInDatabase(ILogger logger);
}
