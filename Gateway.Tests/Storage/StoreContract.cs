using Gateway.Audit;
using Gateway.Storage;

namespace Gateway.Tests.Storage;

/// <summary>The stores the gateway keeps in one database: users, the audit log, second factors and attempt counts.</summary>
internal sealed record Stores(
    IUserStore Users, IAuditStore Audit, ISecondFactorStore SecondFactors, IAttemptStore Attempts, IAsyncDisposable? Database);

/// <summary>
/// The store contract, written once and run against every store kind (<see cref="SqliteStoreContractTests"/>,
/// <see cref="PostgreSql.PostgreSqlStoreContractTests"/>): each test gets an empty database of its own.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly CancellationToken None = CancellationToken.None;

    private Stores _stores = null!;

    private IUserStore Store => _stores.Users;

    public async Task InitializeAsync() => _stores = await CreateStoresAsync();

    public async Task DisposeAsync()
    {
        if (_stores.Database is { } database)
        {
            await database.DisposeAsync();
        }
    }

    private protected abstract Task<Stores> CreateStoresAsync();

    [Fact]
    public async Task TryCreate_NewUser_IsFoundByIdAndByUsernameInAnyCase()
    {
        var user = NewUser("Alice") with { DisplayName = "Alice A", TokensValidAfter = Created.AddSeconds(3) };

        Assert.True(await Store.TryCreateAsync(user, None));

        Assert.Equal(user, await Store.FindByIdAsync(user.Id, None), UserComparer.Instance);
        Assert.Equal(user, await Store.FindByUsernameAsync("aLICE", None), UserComparer.Instance);
        Assert.Null(await Store.FindByUsernameAsync("alicia", None));
        Assert.Null(await Store.FindByIdAsync("nobody", None));
    }

    [Fact]
    public async Task TryCreate_UsernameTakenInAnotherCase_ReturnsFalseAndWritesNothing()
    {
        var first = NewUser("bob");
        Assert.True(await Store.TryCreateAsync(first, None));

        var second = NewUser("BOB") with { DisplayName = "Impostor" };

        Assert.False(await Store.TryCreateAsync(second, None));
        Assert.Null(await Store.FindByIdAsync(second.Id, None));
        Assert.Equal("bob", (await Store.FindByUsernameAsync("Bob", None))!.DisplayName);
        Assert.Equal(1, (await Store.ListAsync(null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task TryCreate_WithRoles_StoresThemSortedWithoutDuplicates()
    {
        var user = NewUser("carol") with { Roles = ["editor", "admin", "editor"] };

        Assert.True(await Store.TryCreateAsync(user, None));

        var stored = await Store.FindByIdAsync(user.Id, None);
        Assert.Equal(["admin", "editor"], stored!.Roles);
        Assert.True(stored.IsAdmin);
        Assert.False(stored.Disabled);
        Assert.Null(stored.LastLoginAt);
    }

    [Fact]
    public async Task UpdatePasswordHash_ExistingUser_ReplacesTheHashAndKeepsTheCutOff()
    {
        var user = NewUser("hank") with { TokensValidAfter = Created };
        await Store.TryCreateAsync(user, None);

        await Store.UpdatePasswordHashAsync(user.Id, "rehashed", None);

        var stored = await Store.FindByIdAsync(user.Id, None);
        Assert.Equal(("rehashed", Created), (stored!.PasswordHash, stored.TokensValidAfter));
    }

    [Fact]
    public async Task AdvanceCutOff_SameLowerBoundTwice_SecondMovesOneSecondFurther()
    {
        var user = NewUser("alice");
        await Store.TryCreateAsync(user, None);
        var atLeast = Created.AddSeconds(1);

        var first = await Store.AdvanceTokensValidAfterAsync(user.Id, atLeast, None);
        var second = await Store.AdvanceTokensValidAfterAsync(user.Id, atLeast, None);
        var withHash = await Store.ChangePasswordAsync(user.Id, "new hash", atLeast, None);

        Assert.Equal(atLeast, first);
        Assert.Equal(atLeast.AddSeconds(1), second);
        Assert.Equal(atLeast.AddSeconds(2), withHash);
        var stored = await Store.FindByIdAsync(user.Id, None);
        Assert.Equal(("new hash", withHash), (stored!.PasswordHash, (DateTimeOffset?)stored.TokensValidAfter));
    }

    [Fact]
    public async Task AdvanceCutOff_EarlierLowerBound_NeverMovesBack()
    {
        var user = NewUser("ivan");
        await Store.TryCreateAsync(user, None);
        await Store.AdvanceTokensValidAfterAsync(user.Id, Created.AddMinutes(10), None);

        var later = await Store.AdvanceTokensValidAfterAsync(user.Id, Created, None);

        Assert.Equal(Created.AddMinutes(10).AddSeconds(1), later);
        Assert.Equal(later, (await Store.FindByIdAsync(user.Id, None))!.TokensValidAfter);
    }

    [Fact]
    public async Task AdvanceCutOff_ManyAtOnce_EachStoresADifferentCutOff()
    {
        var user = NewUser("judy");
        await Store.TryCreateAsync(user, None);

        var cutOffs = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => Store.AdvanceTokensValidAfterAsync(user.Id, Created, None))));

        Assert.Equal(
            Enumerable.Range(0, 8).Select(i => Created.AddSeconds(i)),
            cutOffs.Order());
    }

    [Fact]
    public async Task CutOffWrites_UnknownUser_ReturnTheLowerBoundOrNull()
    {
        Assert.Equal(Created, await Store.AdvanceTokensValidAfterAsync("nobody", Created, None));
        Assert.Null(await Store.ChangePasswordAsync("nobody", "hash", Created, None));
        Assert.Null(await Store.SetRolesAsync("nobody", ["admin"], Created, None));
        Assert.Null(await Store.SetDisabledAsync("nobody", true, Created, None));
        Assert.Null(await Store.SetDisabledAsync("nobody", false, Created, None));
        Assert.Empty(await Store.ListTokenCutOffsAsync(DateTimeOffset.UnixEpoch, None));
    }

    [Fact]
    public async Task SetRoles_ExistingUser_ReplacesRolesAndAdvancesCutOff()
    {
        var user = NewUser("dave") with { Roles = ["admin"] };
        await Store.TryCreateAsync(user, None);
        var atLeast = Created.AddMinutes(5);

        var cutOff = await Store.SetRolesAsync(user.Id, ["viewer", "editor", "viewer"], atLeast, None);

        var stored = await Store.FindByIdAsync(user.Id, None);
        Assert.Equal(atLeast, cutOff);
        Assert.Equal(["editor", "viewer"], stored!.Roles);
        Assert.False(stored.IsAdmin);
        Assert.Equal(atLeast, stored.TokensValidAfter);
    }

    [Fact]
    public async Task SetDisabled_ThenEnabled_DisablingAdvancesCutOffAndEnablingKeepsIt()
    {
        var user = NewUser("erin");
        await Store.TryCreateAsync(user, None);
        var atLeast = Created.AddMinutes(1);

        var disabledCutOff = await Store.SetDisabledAsync(user.Id, true, atLeast, None);
        Assert.True((await Store.FindByIdAsync(user.Id, None))!.Disabled);
        var enabledCutOff = await Store.SetDisabledAsync(user.Id, false, atLeast.AddMinutes(1), None);

        Assert.Equal(atLeast, disabledCutOff);
        Assert.Equal(atLeast, enabledCutOff);
        Assert.False((await Store.FindByIdAsync(user.Id, None))!.Disabled);
    }

    [Fact]
    public async Task Delete_ExistingUser_FreesUsernameAndKeepsCutOffAsTombstone()
    {
        var user = NewUser("frank");
        await Store.TryCreateAsync(user, None);
        var cutOff = Created.AddHours(1);

        Assert.True(await Store.DeleteAsync(user.Id, cutOff, None));

        Assert.Null(await Store.FindByIdAsync(user.Id, None));
        Assert.True(await Store.TryCreateAsync(NewUser("FRANK"), None));
        Assert.Contains((user.Id, cutOff), await Store.ListTokenCutOffsAsync(Created, None));
        Assert.False(await Store.DeleteAsync(user.Id, cutOff, None));
    }

    [Fact]
    public async Task ListTokenCutOffs_Since_ListsUsersAndTombstonesStrictlyLater()
    {
        var early = NewUser("early") with { TokensValidAfter = Created };
        var late = NewUser("late") with { TokensValidAfter = Created.AddSeconds(10) };
        var gone = NewUser("gone");
        foreach (var user in new[] { early, late, gone })
        {
            await Store.TryCreateAsync(user, None);
        }

        await Store.DeleteAsync(gone.Id, Created.AddSeconds(20), None);

        var listed = await Store.ListTokenCutOffsAsync(Created, None);

        Assert.Equal(
            [(gone.Id, Created.AddSeconds(20)), (late.Id, Created.AddSeconds(10))],
            listed.OrderBy(entry => entry.UserId, StringComparer.Ordinal).ToList()
                .OrderByDescending(entry => entry.TokensValidAfter));
    }

    [Fact]
    public async Task List_WithQueryAndPages_MatchesUsernameOrDisplayNameInUsernameOrder()
    {
        foreach (var name in new[] { "zed", "amy", "Bob", "anna_b", "an%x" })
        {
            await Store.TryCreateAsync(NewUser(name), None);
        }

        await Store.TryCreateAsync(NewUser("xavier") with { DisplayName = "Anne Marie" }, None);

        var all = await Store.ListAsync(null, 0, 2, None);
        var second = await Store.ListAsync(null, 1, 2, None);
        var beyond = await Store.ListAsync("  ", 9, 2, None);
        var an = await Store.ListAsync("AN", 0, 10, None);
        var underscore = await Store.ListAsync("_", 0, 10, None);
        var percent = await Store.ListAsync("%", 0, 10, None);

        Assert.Equal(6, all.Total);
        Assert.Equal(["amy", "an%x"], all.Users.Select(u => u.Username));
        Assert.Equal(["anna_b", "Bob"], second.Users.Select(u => u.Username));
        Assert.Equal((6, 0), (beyond.Total, beyond.Users.Count));
        Assert.Equal(["an%x", "anna_b", "xavier"], an.Users.Select(u => u.Username));
        Assert.Equal(3, an.Total);
        Assert.Equal(["anna_b"], underscore.Users.Select(u => u.Username));
        Assert.Equal(["an%x"], percent.Users.Select(u => u.Username));
    }

    [Fact]
    public async Task RecordLogin_ExistingUser_StoresLastLoginTime()
    {
        var user = NewUser("gina");
        await Store.TryCreateAsync(user, None);

        await Store.RecordLoginAsync(user.Id, Created.AddDays(2), None);

        Assert.Equal(Created.AddDays(2), (await Store.FindByIdAsync(user.Id, None))!.LastLoginAt);
    }

    [Fact]
    public async Task Import_NewUsers_AddsThemMarkedAndARerunChangesNothing()
    {
        var users = new[] { NewUser("kim") with { Roles = ["editor"] }, NewUser("lee") };

        var first = await Store.ImportAsync(users, "legacy.csv", commitWhenTaken: false, None);
        var again = await Store.ImportAsync(
            [NewUser("KIM") with { DisplayName = "Other" }, NewUser("lee")], "legacy.csv", commitWhenTaken: false, None);

        Assert.Equal([ImportOutcome.Added, ImportOutcome.Added], first);
        Assert.Equal([ImportOutcome.AlreadyImported, ImportOutcome.AlreadyImported], again);
        var kim = await Store.FindByUsernameAsync("kim", None);
        Assert.Equal((users[0].Id, "kim"), (kim!.Id, kim.DisplayName));
        Assert.Equal(["editor"], kim.Roles);
        Assert.Equal(2, (await Store.ListAsync(null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task Import_SameNameTwiceInOneBatch_SecondIsAlreadyImported()
    {
        var outcomes = await Store.ImportAsync([NewUser("mia"), NewUser("MIA")], "legacy.csv", commitWhenTaken: false, None);

        Assert.Equal([ImportOutcome.Added, ImportOutcome.AlreadyImported], outcomes);
        Assert.Equal(1, (await Store.ListAsync(null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task Import_NameHeldByARegisteredUser_ReportsTakenAndWritesNothing()
    {
        await Store.TryCreateAsync(NewUser("nina"), None);
        var newcomer = NewUser("omar");

        var outcomes = await Store.ImportAsync([newcomer, NewUser("Nina")], "legacy.csv", commitWhenTaken: false, None);

        Assert.Equal([ImportOutcome.Added, ImportOutcome.UsernameTaken], outcomes);
        Assert.Null(await Store.FindByIdAsync(newcomer.Id, None));
        Assert.Equal(1, (await Store.ListAsync(null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task Import_NameTakenWithCommitWhenTaken_WritesTheOthers()
    {
        await Store.TryCreateAsync(NewUser("pat"), None);
        var newcomer = NewUser("quinn");

        var outcomes = await Store.ImportAsync([NewUser("PAT"), newcomer], "legacy.csv", commitWhenTaken: true, None);

        Assert.Equal([ImportOutcome.UsernameTaken, ImportOutcome.Added], outcomes);
        Assert.NotNull(await Store.FindByIdAsync(newcomer.Id, None));
        var again = await Store.ImportAsync([NewUser("quinn")], "other.csv", commitWhenTaken: false, None);
        Assert.Equal([ImportOutcome.AlreadyImported], again);
    }

    [Fact]
    public async Task Audit_AppendedEvents_ListNewestFirstInPagesAndPruneDropsOlder()
    {
        var audit = _stores.Audit;
        await audit.AppendAsync(new AuditEvent(Created, "user.created", "cli", "u1", null, "roles: admin"), None);
        await audit.AppendAsync(new AuditEvent(Created.AddMinutes(1), "user.disabled", "u2", "u1", "10.0.0.1", null), None);
        await audit.AppendAsync(new AuditEvent(Created.AddMinutes(2), "login.failed", null, null, "10.0.0.2", "alice"), None);

        var first = await audit.ListAsync(0, 2, None);
        var second = await audit.ListAsync(1, 2, None);
        await audit.PruneAsync(Created.AddMinutes(1), None);
        var pruned = await audit.ListAsync(0, 10, None);

        Assert.Equal(
            [
                new AuditEvent(Created.AddMinutes(2), "login.failed", null, null, "10.0.0.2", "alice"),
                new AuditEvent(Created.AddMinutes(1), "user.disabled", "u2", "u1", "10.0.0.1", null),
            ],
            first);
        Assert.Equal([new AuditEvent(Created, "user.created", "cli", "u1", null, "roles: admin")], second);
        Assert.Equal(["login.failed", "user.disabled"], pruned.Select(e => e.Event));
    }

    [Fact]
    public async Task SecondFactor_Enrolment_PendingUntilConfirmedWithTheSamePendingSecret()
    {
        var factors = _stores.SecondFactors;
        Assert.Null(await factors.FindAsync("u1", None));

        await factors.SetPendingAsync("u1", "first", None);
        await factors.SetPendingAsync("u1", "second", None);
        var pending = await factors.FindAsync("u1", None);
        var stale = await factors.ConfirmAsync("u1", "first", 100, ["a", "b"], Created, None);
        var confirmed = await factors.ConfirmAsync("u1", "second", 100, ["a", "b", "b", "c"], Created, None);

        Assert.Equal(new SecondFactorRecord(null, "second", -1, 0), pending);
        Assert.False(stale);
        Assert.True(confirmed);
        var enrolled = await factors.FindAsync("u1", None);
        Assert.Equal(new SecondFactorRecord("second", null, 100, 3), enrolled);
        Assert.True(enrolled!.Enrolled);
    }

    [Fact]
    public async Task SecondFactor_StepsAndRecoveryCodes_EachUsableOnce()
    {
        var factors = _stores.SecondFactors;
        Assert.False(await factors.TryUseStepAsync("u1", 5, None));
        await factors.SetPendingAsync("u1", "secret", None);
        Assert.False(await factors.TryUseStepAsync("u1", 5, None));
        await factors.ConfirmAsync("u1", "secret", 100, ["a", "b"], Created, None);

        Assert.False(await factors.TryUseStepAsync("u1", 100, None));
        Assert.True(await factors.TryUseStepAsync("u1", 101, None));
        Assert.False(await factors.TryUseStepAsync("u1", 101, None));
        Assert.True(await factors.TryUseRecoveryCodeAsync("u1", "a", None));
        Assert.False(await factors.TryUseRecoveryCodeAsync("u1", "a", None));
        Assert.False(await factors.TryUseRecoveryCodeAsync("u2", "b", None));
        Assert.Equal(new SecondFactorRecord("secret", null, 101, 1), await factors.FindAsync("u1", None));
    }

    [Fact]
    public async Task SecondFactor_Remove_ForgetsSecretAndCodesOnce()
    {
        var factors = _stores.SecondFactors;
        await factors.SetPendingAsync("u1", "pending only", None);
        Assert.False(await factors.RemoveAsync("u1", None));
        await factors.SetPendingAsync("u1", "secret", None);
        await factors.ConfirmAsync("u1", "secret", 1, ["a"], Created, None);

        Assert.True(await factors.RemoveAsync("u1", None));

        Assert.Null(await factors.FindAsync("u1", None));
        Assert.False(await factors.TryUseRecoveryCodeAsync("u1", "a", None));
        Assert.False(await factors.RemoveAsync("u1", None));
    }

    [Fact]
    public async Task Delete_UserWithASecondFactor_ForgetsTheSecondFactor()
    {
        var user = NewUser("rita");
        await Store.TryCreateAsync(user, None);
        await _stores.SecondFactors.SetPendingAsync(user.Id, "secret", None);
        await _stores.SecondFactors.ConfirmAsync(user.Id, "secret", 1, ["a"], Created, None);

        await Store.DeleteAsync(user.Id, Created, None);

        Assert.Null(await _stores.SecondFactors.FindAsync(user.Id, None));
        Assert.False(await _stores.SecondFactors.TryUseRecoveryCodeAsync(user.Id, "a", None));
    }

    [Fact]
    public async Task AttemptCount_CountsInAFixedWindowFromTheFirstAttempt_ThenStartsAgain()
    {
        var window = TimeSpan.FromMinutes(5);

        var first = await _stores.Attempts.CountAsync("k", Created, window, None);
        var second = await _stores.Attempts.CountAsync("k", Created.AddMinutes(4), window, None);
        var other = await _stores.Attempts.CountAsync("other", Created.AddMinutes(4), window, None);
        var afterWindow = await _stores.Attempts.CountAsync("k", Created.AddMinutes(5), window, None);

        Assert.Equal(new StoredAttempts(1, Created + window), first);
        Assert.Equal(new StoredAttempts(2, Created + window), second);
        Assert.Equal(1, other.Count);
        Assert.Equal(new StoredAttempts(1, Created.AddMinutes(10)), afterWindow);
    }

    [Fact]
    public async Task AttemptCount_ConcurrentCounts_EachGetsItsOwn()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => _stores.Attempts.CountAsync("k", Created, TimeSpan.FromMinutes(5), None)));

        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), counts.Select(c => c.Count).Order());
    }

    [Fact]
    public async Task AttemptCount_ClearedAndPruned_StartsAgain()
    {
        var window = TimeSpan.FromMinutes(5);
        await _stores.Attempts.CountAsync("cleared", Created, window, None);
        await _stores.Attempts.CountAsync("ended", Created, window, None);

        await _stores.Attempts.ClearAsync("cleared", None);
        await _stores.Attempts.PruneAsync(Created + window, None);

        Assert.Equal(1, (await _stores.Attempts.CountAsync("cleared", Created.AddMinutes(1), window, None)).Count);
        Assert.Equal(Created.AddMinutes(1) + window, (await _stores.Attempts.CountAsync("ended", Created.AddMinutes(1), window, None)).WindowEnds);
    }

    private static User NewUser(string username) =>
        new(Guid.NewGuid().ToString("N"), username, username, "hash", Created, DateTimeOffset.UnixEpoch);

    /// <summary>Users compare as records, with the role list by its contents.</summary>
    private sealed class UserComparer : IEqualityComparer<User?>
    {
        public static readonly UserComparer Instance = new();

        public bool Equals(User? x, User? y) =>
            x is not null && y is not null && x with { Roles = [] } == y with { Roles = [] } && x.Roles.SequenceEqual(y.Roles);

        public int GetHashCode(User? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
