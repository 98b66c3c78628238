using Gateway.Accounts;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Revocation;

/// <summary>
/// A login checks the password for a fraction of a second. A password change landing in that fraction must win: the
/// login that checked the old password gets no token, or it would outlive the change that was meant to end it.
/// </summary>
public sealed class PasswordChangeRaceTests
{
    [Fact]
    public async Task Login_PasswordChangedWhileHashing_IsRefused()
    {
        var store = new ChangingDuringLogin(UserDatabase.CreateStore());
        using var threads = HashingThreads.For(new UserOptions(), TimeProvider.System);
        var hashing = new PasswordHashing(Options.Create(new UserOptions()), threads, TestMetrics.Create());
        var accounts = new UserAccounts(store, hashing, TimeProvider.System, TestAccountLimits.Off);
        var created = await accounts.RegisterAsync(
            new RegistrationRequest("alice", TestUsers.Password, null, null), CancellationToken.None);
        var user = Assert.IsType<RegistrationResult.Created>(created).User;
        store.NewHash = await hashing.HashAsync("the new password", CancellationToken.None);

        var signedIn = await accounts.VerifyAsync(user.Username, TestUsers.Password, CancellationToken.None);

        Assert.Null(signedIn);
    }

    [Fact]
    public async Task Login_NoChangeWhileHashing_CarriesTheLatestCutOff()
    {
        var store = UserDatabase.CreateStore();
        using var threads = HashingThreads.For(new UserOptions(), TimeProvider.System);
        var hashing = new PasswordHashing(Options.Create(new UserOptions()), threads, TestMetrics.Create());
        var accounts = new UserAccounts(store, hashing, TimeProvider.System, TestAccountLimits.Off);
        var created = await accounts.RegisterAsync(
            new RegistrationRequest("bob", TestUsers.Password, null, null), CancellationToken.None);
        var user = Assert.IsType<RegistrationResult.Created>(created).User;
        var cutOff = await store.AdvanceTokensValidAfterAsync(user.Id, DateTimeOffset.UtcNow.AddSeconds(1), CancellationToken.None);

        var signedIn = await accounts.VerifyAsync(user.Username, TestUsers.Password, CancellationToken.None);

        Assert.Equal(cutOff, signedIn?.TokensValidAfter);
    }

    /// <summary>The real store, with a password change made right after the login read the user, as if during its hash.</summary>
    private sealed class ChangingDuringLogin(IUserStore inner) : IUserStore
    {
        public string? NewHash { get; set; }

        public async Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
        {
            var user = await inner.FindByUsernameAsync(username, cancellationToken);
            if (user is not null && NewHash is not null)
            {
                await inner.ChangePasswordAsync(user.Id, NewHash, DateTimeOffset.UtcNow.AddSeconds(1), cancellationToken);
            }

            return user;
        }

        public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) => inner.FindByIdAsync(id, cancellationToken);

        public Task<bool> TryCreateAsync(User user, CancellationToken cancellationToken) => inner.TryCreateAsync(user, cancellationToken);

        public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
            inner.UpdatePasswordHashAsync(id, passwordHash, cancellationToken);

        public Task<DateTimeOffset> AdvanceTokensValidAfterAsync(string id, DateTimeOffset atLeast, CancellationToken cancellationToken) =>
            inner.AdvanceTokensValidAfterAsync(id, atLeast, cancellationToken);

        public Task<DateTimeOffset?> ChangePasswordAsync(
            string id, string passwordHash, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
            inner.ChangePasswordAsync(id, passwordHash, tokensValidAfterAtLeast, cancellationToken);

        public Task<IReadOnlyList<(string UserId, DateTimeOffset TokensValidAfter)>> ListTokenCutOffsAsync(
            DateTimeOffset since, CancellationToken cancellationToken) => inner.ListTokenCutOffsAsync(since, cancellationToken);

        public Task<UserListing> ListAsync(string? query, int page, int pageSize, CancellationToken cancellationToken) =>
            inner.ListAsync(query, page, pageSize, cancellationToken);

        public Task<DateTimeOffset?> SetRolesAsync(
            string id, IReadOnlyList<string> roles, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
            inner.SetRolesAsync(id, roles, tokensValidAfterAtLeast, cancellationToken);

        public Task<DateTimeOffset?> SetDisabledAsync(
            string id, bool disabled, DateTimeOffset tokensValidAfterAtLeast, CancellationToken cancellationToken) =>
            inner.SetDisabledAsync(id, disabled, tokensValidAfterAtLeast, cancellationToken);

        public Task<bool> DeleteAsync(string id, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken) =>
            inner.DeleteAsync(id, tokensValidAfter, cancellationToken);

        public Task<IReadOnlyList<ImportOutcome>> ImportAsync(
            IReadOnlyList<User> users, string source, bool commitWhenTaken, CancellationToken cancellationToken) =>
            inner.ImportAsync(users, source, commitWhenTaken, cancellationToken);

        public Task RecordLoginAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.RecordLoginAsync(id, at, cancellationToken);
    }
}
