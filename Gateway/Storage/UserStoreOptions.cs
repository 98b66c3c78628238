namespace Gateway.Storage;

/// <summary>The store settings of the <c>Gateway:Users</c> section, which the account settings share.</summary>
internal sealed class UserStoreOptions
{
    public const string Section = "Users";

    /// <summary>Where users, token cut-offs, roles, second factors and the audit log live.</summary>
    public UserStoreKind Store { get; set; } = UserStoreKind.Sqlite;

    /// <summary>Npgsql connection string, required with <see cref="UserStoreKind.PostgreSql"/>. A secret: never logged.</summary>
    public string? ConnectionString { get; set; }
}
