using Gateway.Storage;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real SQLite user store that a test can cut off: while <see cref="Down"/>, every call throws
/// <see cref="UserStoreUnavailableException"/> as a PostgreSQL store does when its database is unreachable, before
/// touching anything. Up, it is the real store, so the gateway starts and users sign up as usual.
/// </summary>
internal sealed class UnreachableUserStore(IUserStore inner) : IUserStore
{
    public const string Message = "The user store (PostgreSQL) cannot be reached.";

    public UnreachableUserStore()
        : this(UserDatabase.CreateStore())
    {
    }

    public bool Down { get; set; }

    /// <summary>The real store behind, to check what was written while the gateway could not reach it.</summary>
    public IUserStore Inner => inner;

    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        Reach().FindByUsernameAsync(username, cancellationToken);

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) => Reach().FindByIdAsync(id, cancellationToken);

    public Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken) => Reach().TryCreateAsync(user, cancellationToken);

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        Reach().UpdatePasswordHashAsync(id, passwordHash, cancellationToken);

    public Task<DateTimeOffset> AdvanceTokensValidAfterAsync(string id, DateTimeOffset atLeast, CancellationToken cancellationToken) =>
        Reach().AdvanceTokensValidAfterAsync(id, atLeast, cancellationToken);

    public Task<DateTimeOffset?> ChangePasswordAsync(
        string id, string passwordHash, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        Reach().ChangePasswordAsync(id, passwordHash, tokensValidAfterAtLeast, cancellationToken);

    public Task<IReadOnlyList<(string UserId, DateTimeOffset TokensValidAfter)>> ListTokenCutOffsAsync(
        DateTimeOffset since, CancellationToken cancellationToken) => Reach().ListTokenCutOffsAsync(since, cancellationToken);

    public Task<UserListing> ListAsync(string? query, int page, int pageSize, CancellationToken cancellationToken) =>
        Reach().ListAsync(query, page, pageSize, cancellationToken);

    public Task<DateTimeOffset?> SetRolesAsync(
        string id, IReadOnlyList<string> roles, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        Reach().SetRolesAsync(id, roles, tokensValidAfterAtLeast, cancellationToken);

    public Task<DateTimeOffset?> SetDisabledAsync(
        string id, bool disabled, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
        Reach().SetDisabledAsync(id, disabled, tokensValidAfterAtLeast, cancellationToken);

    public Task<bool> DeleteAsync(string id, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken) =>
        Reach().DeleteAsync(id, tokensValidAfter, cancellationToken);

    public Task RecordLoginAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        Reach().RecordLoginAsync(id, at, cancellationToken);

    public Task<IReadOnlyList<ImportOutcome>> ImportAsync(
        IReadOnlyList<User> users, string source, bool commitWhenTaken, CancellationToken cancellationToken) =>
        Reach().ImportAsync(users, source, commitWhenTaken, cancellationToken);

    private IUserStore Reach() => Down ? throw new UserStoreUnavailableException(Message) : inner;
}
