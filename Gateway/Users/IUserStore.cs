namespace Gateway.Users;

internal interface IUserStore
{
    Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <returns>False when the username is taken; nothing is written then.</returns>
    Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken);

    Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the user's token cut-off to <paramref name="atLeast"/>, or one second past the stored one when that is
    /// later, so two cut-offs in the same second still end the token issued between them.
    /// </summary>
    /// <returns>The stored cut-off; <paramref name="atLeast"/> when the user does not exist.</returns>
    Task<DateTimeOffset> AdvanceTokensValidAfterAsync(string id, DateTimeOffset atLeast, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash and advances the token cut-off in one write.</summary>
    /// <returns>The stored cut-off; null when the user does not exist.</returns>
    Task<DateTimeOffset?> ChangePasswordAsync(
        string id, string passwordHash, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken);

    /// <summary>Every user whose token cut-off is later than <paramref name="since"/>.</summary>
    Task<IReadOnlyList<(string UserId, DateTimeOffset TokensValidAfter)>> ListTokenCutOffsAsync(
        DateTimeOffset since, CancellationToken cancellationToken);
}
