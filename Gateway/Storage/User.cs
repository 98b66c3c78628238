namespace Gateway.Storage;

/// <param name="Id">Stable, opaque and never reused: 128 random bits, hex.</param>
/// <param name="TokensValidAfter">Tokens issued before this instant are no longer accepted (log out everywhere).</param>
internal sealed record User(
    string Id,
    string Username,
    string DisplayName,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset TokensValidAfter)
{
    /// <summary>Role names (see <see cref="RoleRules"/>), sorted, without duplicates.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>A disabled user cannot sign in; disabling also ends every token the user holds.</summary>
    public bool Disabled { get; init; }

    public DateTimeOffset? LastLoginAt { get; init; }

    public bool IsAdmin => Roles.Contains(RoleRules.Admin, StringComparer.Ordinal);
}
