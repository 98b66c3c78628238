using Gateway.Storage;
using Gateway.Storage.Sql;
using Gateway.Storage.Sqlite;
using Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Storage;

public sealed class SqliteUserStoreTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private readonly SqlUserStore _store = UserDatabase.CreateStore();

    [Fact]
    public async Task TryCreate_WithRoles_StoresThemSortedWithoutDuplicates()
    {
        var user = NewUser("carol") with { Roles = ["editor", "admin", "editor"] };

        Assert.True(await _store.TryCreateAsync(user, CancellationToken.None));

        var stored = await _store.FindByIdAsync(user.Id, CancellationToken.None);
        Assert.Equal(["admin", "editor"], stored!.Roles);
        Assert.True(stored.IsAdmin);
        Assert.False(stored.Disabled);
        Assert.Null(stored.LastLoginAt);
    }

    [Fact]
    public async Task SetRoles_ExistingUser_ReplacesRolesAndAdvancesCutOff()
    {
        var user = NewUser("dave") with { Roles = ["admin"] };
        await _store.TryCreateAsync(user, CancellationToken.None);
        var atLeast = Created.AddMinutes(5);

        var cutOff = await _store.SetRolesAsync(user.Id, ["viewer"], atLeast, CancellationToken.None);

        var stored = await _store.FindByIdAsync(user.Id, CancellationToken.None);
        Assert.Equal(atLeast, cutOff);
        Assert.Equal(["viewer"], stored!.Roles);
        Assert.Equal(atLeast, stored.TokensValidAfter);
    }

    [Fact]
    public async Task SetRolesAndDisabled_UnknownUser_ReturnNull()
    {
        Assert.Null(await _store.SetRolesAsync("nobody", ["admin"], Created, CancellationToken.None));
        Assert.Null(await _store.SetDisabledAsync("nobody", true, Created, CancellationToken.None));
    }

    [Fact]
    public async Task SetDisabled_ThenEnabled_DisablingAdvancesCutOffAndEnablingKeepsIt()
    {
        var user = NewUser("erin");
        await _store.TryCreateAsync(user, CancellationToken.None);
        var atLeast = Created.AddMinutes(1);

        var disabledCutOff = await _store.SetDisabledAsync(user.Id, true, atLeast, CancellationToken.None);
        Assert.True((await _store.FindByIdAsync(user.Id, CancellationToken.None))!.Disabled);
        var enabledCutOff = await _store.SetDisabledAsync(user.Id, false, atLeast.AddMinutes(1), CancellationToken.None);

        Assert.Equal(atLeast, disabledCutOff);
        Assert.Equal(atLeast, enabledCutOff);
        Assert.False((await _store.FindByIdAsync(user.Id, CancellationToken.None))!.Disabled);
    }

    [Fact]
    public async Task Delete_ExistingUser_FreesUsernameAndKeepsCutOffAsTombstone()
    {
        var user = NewUser("frank");
        await _store.TryCreateAsync(user, CancellationToken.None);
        var cutOff = Created.AddHours(1);

        Assert.True(await _store.DeleteAsync(user.Id, cutOff, CancellationToken.None));

        Assert.Null(await _store.FindByIdAsync(user.Id, CancellationToken.None));
        Assert.True(await _store.TryCreateAsync(NewUser("FRANK"), CancellationToken.None));
        var cutOffs = await _store.ListTokenCutOffsAsync(Created, CancellationToken.None);
        Assert.Contains((user.Id, cutOff), cutOffs);
        Assert.False(await _store.DeleteAsync(user.Id, cutOff, CancellationToken.None));
    }

    [Fact]
    public async Task List_WithQueryAndPages_MatchesUsernameOrDisplayNameInUsernameOrder()
    {
        foreach (var name in new[] { "zed", "amy", "bob", "anna_b" })
        {
            await _store.TryCreateAsync(NewUser(name), CancellationToken.None);
        }

        await _store.TryCreateAsync(NewUser("xavier") with { DisplayName = "Anne Marie" }, CancellationToken.None);

        var all = await _store.ListAsync(null, 0, 2, CancellationToken.None);
        var second = await _store.ListAsync(null, 1, 2, CancellationToken.None);
        var an = await _store.ListAsync("AN", 0, 10, CancellationToken.None);
        var underscore = await _store.ListAsync("_", 0, 10, CancellationToken.None);

        Assert.Equal(5, all.Total);
        Assert.Equal(["amy", "anna_b"], all.Users.Select(u => u.Username));
        Assert.Equal(["bob", "xavier"], second.Users.Select(u => u.Username));
        Assert.Equal(["anna_b", "xavier"], an.Users.Select(u => u.Username));
        Assert.Equal(["anna_b"], underscore.Users.Select(u => u.Username));
    }

    [Fact]
    public async Task RecordLogin_ExistingUser_StoresLastLoginTime()
    {
        var user = NewUser("gina");
        await _store.TryCreateAsync(user, CancellationToken.None);

        await _store.RecordLoginAsync(user.Id, Created.AddDays(2), CancellationToken.None);

        Assert.Equal(Created.AddDays(2), (await _store.FindByIdAsync(user.Id, CancellationToken.None))!.LastLoginAt);
    }

    [Fact]
    public async Task Open_DatabaseOfTheFirstSchema_MigratesAndKeepsItsUsers()
    {
        var dataPath = TempFolder.Create("users-v1");
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataPath, SqliteDialect.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY, username TEXT NOT NULL, username_key TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL, password_hash TEXT NOT NULL, created_at INTEGER NOT NULL,
                    tokens_valid_after INTEGER NOT NULL DEFAULT 0);
                INSERT INTO users VALUES ('old1', 'Olga', 'olga', 'Olga O', 'hash', 1800000000000, 0);
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        // Opened twice, as two replicas starting would: the second finds the schema migrated.
        await UserDatabase.CreateDatabase(dataPath).MigrateAsync(CancellationToken.None);
        var store = new SqlUserStore(UserDatabase.CreateDatabase(dataPath));

        var olga = await store.FindByUsernameAsync("olga", CancellationToken.None);
        Assert.Equal("Olga O", olga!.DisplayName);
        Assert.Empty(olga.Roles);
        Assert.NotNull(await store.SetRolesAsync("old1", ["admin"], Created, CancellationToken.None));
    }

    private static User NewUser(string username) =>
        new(Guid.NewGuid().ToString("N"), username, username, "hash", Created, DateTimeOffset.UnixEpoch);
}
