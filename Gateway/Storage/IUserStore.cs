namespace Gateway.Storage;

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

    /// <summary>Users whose username or display name contains <paramref name="query"/> (any case), by username.</summary>
    /// <param name="page">Zero-based.</param>
    Task<UserListing> ListAsync(string? query, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Replaces the roles and advances the token cut-off in one write, so old tokens lose the old roles at once.</summary>
    /// <returns>The stored cut-off; null when the user does not exist.</returns>
    Task<DateTimeOffset?> SetRolesAsync(
        string id, IReadOnlyList<string> roles, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken);

    /// <summary>Disables (advancing the token cut-off in the same write) or enables the user.</summary>
    /// <returns>The stored cut-off; null when the user does not exist.</returns>
    Task<DateTimeOffset?> SetDisabledAsync(
        string id, bool disabled, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the user, freeing the username. The id is kept as a tombstone with its cut-off, so tokens the user still
    /// holds stay refused after a restart (see <see cref="ListTokenCutOffsAsync"/>).
    /// </summary>
    /// <returns>False when the user does not exist.</returns>
    Task<bool> DeleteAsync(string id, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken);

    Task RecordLoginAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Creates imported users in one transaction, marking each as imported from <paramref name="source"/>. A username
    /// already held by an imported user is <see cref="ImportOutcome.AlreadyImported"/> (so a re-run changes nothing),
    /// by any other user <see cref="ImportOutcome.UsernameTaken"/>.
    /// </summary>
    /// <param name="commitWhenTaken">False: when any username is taken, nothing is written (the outcomes still say which).</param>
    /// <returns>One outcome per user, in order.</returns>
    Task<IReadOnlyList<ImportOutcome>> ImportAsync(
        IReadOnlyList<User> users, string source, bool commitWhenTaken, CancellationToken cancellationToken);
}
