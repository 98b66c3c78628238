namespace Gateway.Users;

/// <param name="Id">Stable, opaque and never reused: 128 random bits, hex.</param>
/// <param name="TokensValidAfter">Tokens issued before this instant are no longer accepted (log out everywhere).</param>
internal sealed record User(
    string Id,
    string Username,
    string DisplayName,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset TokensValidAfter);
