namespace Gateway.Storage.Sql;

/// <summary>
/// A <c>users</c> row as the stores write and read it: times in Unix milliseconds (so both databases round and compare
/// alike), roles joined, and the lower-case username key that makes usernames unique in any case.
/// </summary>
internal sealed class UserRow
{
    public const string Select =
        "SELECT id, username, display_name AS DisplayName, password_hash AS PasswordHash, created_at AS CreatedAt, " +
        "tokens_valid_after AS TokensValidAfter, roles, disabled, last_login_at AS LastLoginAt FROM users";

    public const string Insert =
        "INSERT INTO users (id, username, username_key, display_name, password_hash, created_at, tokens_valid_after, " +
        "roles, disabled, last_login_at, imported_from) VALUES (@Id, @Username, @UsernameKey, @DisplayName, " +
        "@PasswordHash, @CreatedAt, @TokensValidAfter, @Roles, @Disabled, @LastLoginAt, @ImportedFrom)";

    public string Id { get; init; } = "";

    public string Username { get; init; } = "";

    public string UsernameKey => UsernameRules.Normalize(Username);

    public string DisplayName { get; init; } = "";

    public string PasswordHash { get; init; } = "";

    public long CreatedAt { get; init; }

    public long TokensValidAfter { get; init; }

    public string Roles { get; init; } = "";

    public bool Disabled { get; init; }

    public long? LastLoginAt { get; init; }

    public string? ImportedFrom { get; init; }

    public static UserRow From(User user, string? importedFrom = null) => new()
    {
        Id = user.Id,
        Username = user.Username,
        DisplayName = user.DisplayName,
        PasswordHash = user.PasswordHash,
        CreatedAt = user.CreatedAt.ToUnixTimeMilliseconds(),
        TokensValidAfter = user.TokensValidAfter.ToUnixTimeMilliseconds(),
        Roles = RoleRules.Join(RoleRules.Normalize(user.Roles)),
        Disabled = user.Disabled,
        LastLoginAt = user.LastLoginAt?.ToUnixTimeMilliseconds(),
        ImportedFrom = importedFrom,
    };

    public User ToUser() =>
        new(Id, Username, DisplayName, PasswordHash, FromUnix(CreatedAt), FromUnix(TokensValidAfter))
        {
            Roles = RoleRules.Split(Roles),
            Disabled = Disabled,
            LastLoginAt = LastLoginAt is { } at ? FromUnix(at) : null,
        };

    public static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
