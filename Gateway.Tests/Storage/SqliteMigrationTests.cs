using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.Storage;
using Gateway.Storage.Sql;
using Gateway.Storage.Sqlite;
using Gateway.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Storage;

/// <summary>A users.db left by a gateway from before schema_migrations, when PRAGMA user_version was the version.</summary>
public sealed class SqliteMigrationTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly CancellationToken None = CancellationToken.None;

    // The schema as the earlier gateway built it, its four migrations as they were, then its version mark.
    private const string EarlierSchema = """
        CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY, username TEXT NOT NULL, username_key TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL, created_at INTEGER NOT NULL, tokens_valid_after INTEGER NOT NULL DEFAULT 0);
        ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN last_login_at INTEGER;
        CREATE TABLE deleted_users (id TEXT PRIMARY KEY, tokens_valid_after INTEGER NOT NULL);
        CREATE TABLE audit_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, event TEXT NOT NULL, actor TEXT, target TEXT,
            address TEXT, detail TEXT);
        CREATE INDEX audit_events_at ON audit_events (at);
        ALTER TABLE users ADD COLUMN imported_from TEXT;
        CREATE INDEX users_tokens_valid_after ON users (tokens_valid_after);
        CREATE TABLE second_factors (
            user_id TEXT PRIMARY KEY, secret TEXT, pending_secret TEXT, last_step INTEGER NOT NULL DEFAULT -1, enrolled_at INTEGER);
        CREATE TABLE recovery_codes (user_id TEXT NOT NULL, code_hash TEXT NOT NULL, PRIMARY KEY (user_id, code_hash));
        CREATE TRIGGER users_deleted_second_factor AFTER DELETE ON users BEGIN
            DELETE FROM second_factors WHERE user_id = old.id;
            DELETE FROM recovery_codes WHERE user_id = old.id;
        END;
        PRAGMA user_version = 4;
        """;

    private const string EarlierData = """
        INSERT INTO users (id, username, username_key, display_name, password_hash, created_at, tokens_valid_after,
            roles, disabled, last_login_at, imported_from)
        VALUES ('u1', 'Olga', 'olga', 'Olga O', 'hash1', 1800000000000, 1800000005000, 'admin,editor', 1, 1800000010000, NULL),
               ('u2', 'pat', 'pat', 'Pat', 'hash2', 1800000000000, 0, '', 0, NULL, 'legacy.csv');
        INSERT INTO deleted_users VALUES ('gone', 1800000020000);
        INSERT INTO audit_events (at, event, actor, target, address, detail)
        VALUES (1800000000000, 'user.created', 'cli', 'u1', NULL, 'roles: admin');
        INSERT INTO second_factors VALUES ('u1', 'secret', NULL, 77, 1800000000000);
        INSERT INTO recovery_codes VALUES ('u1', 'a'), ('u1', 'b');
        """;

    [Fact]
    public async Task Migrate_FileOfTheLastUserVersionSchema_RecordsItsVersionsAndKeepsEveryRow()
    {
        var dataPath = Earlier(EarlierSchema + EarlierData);
        var database = UserDatabase.CreateDatabase(dataPath);
        var users = new SqlUserStore(database);

        var olga = await users.FindByUsernameAsync("OLGA", None);
        var pat = await users.FindByIdAsync("u2", None);

        Assert.Equal(
            ("Olga", "Olga O", "hash1", Created, Created.AddSeconds(5), true, Created.AddSeconds(10)),
            (olga!.Username, olga.DisplayName, olga.PasswordHash, olga.CreatedAt, olga.TokensValidAfter, olga.Disabled,
                olga.LastLoginAt));
        Assert.Equal(["admin", "editor"], olga.Roles);
        Assert.Equal(("pat", false), (pat!.Username, pat.Disabled));
        Assert.Equal([ImportOutcome.AlreadyImported], await users.ImportAsync([pat], "again.csv", false, None));
        Assert.Contains(("gone", Created.AddSeconds(20)), await users.ListTokenCutOffsAsync(Created, None));
        Assert.Equal(
            [new AuditEvent(Created, "user.created", "cli", "u1", null, "roles: admin")],
            await new SqlAuditStore(database).ListAsync(0, 10, None));
        Assert.Equal(new SecondFactorRecord("secret", null, 77, 2), await new SqlSecondFactorStore(database).FindAsync("u1", None));
        Assert.Equal(Enumerable.Range(1, SqliteMigrations.All.Count), Versions(dataPath));
    }

    [Fact]
    public async Task Migrate_FileOfAnEarlierUserVersion_AppliesOnlyTheMigrationsItLacks()
    {
        var dataPath = Earlier("""
            CREATE TABLE users (
                id TEXT PRIMARY KEY, username TEXT NOT NULL, username_key TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL, created_at INTEGER NOT NULL, tokens_valid_after INTEGER NOT NULL DEFAULT 0);
            ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT '';
            ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN last_login_at INTEGER;
            CREATE TABLE deleted_users (id TEXT PRIMARY KEY, tokens_valid_after INTEGER NOT NULL);
            CREATE TABLE audit_events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, event TEXT NOT NULL, actor TEXT, target TEXT,
                address TEXT, detail TEXT);
            INSERT INTO users (id, username, username_key, display_name, password_hash, created_at, roles)
            VALUES ('u1', 'Olga', 'olga', 'Olga O', 'hash1', 1800000000000, 'admin');
            PRAGMA user_version = 2;
            """);
        var database = UserDatabase.CreateDatabase(dataPath);

        await database.MigrateAsync(None);

        Assert.Equal(["admin"], (await new SqlUserStore(database).FindByIdAsync("u1", None))!.Roles);
        await new SqlSecondFactorStore(database).SetPendingAsync("u1", "pending", None);
        Assert.Equal(Enumerable.Range(1, SqliteMigrations.All.Count), Versions(dataPath));
    }

    [Fact]
    public async Task Migrate_FileNewerThanTheGateway_RefusesSaying()
    {
        var dataPath = Earlier("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY); INSERT INTO schema_migrations VALUES (99);");

        var thrown = await Assert.ThrowsAsync<GatewayStartupException>(
            () => UserDatabase.CreateDatabase(dataPath).MigrateAsync(None));

        Assert.StartsWith("The SQLite user store is at schema version 99, newer than this gateway knows", thrown.Message, StringComparison.Ordinal);
    }

    private static string Earlier(string sql)
    {
        var dataPath = TempFolder.Create("users-earlier");
        using var connection = Connect(dataPath);
        connection.Execute(sql);
        return dataPath;
    }

    private static List<int> Versions(string dataPath)
    {
        using var connection = Connect(dataPath);
        return [.. connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version")];
    }

    private static SqliteConnection Connect(string dataPath) =>
        new($"Data Source={Path.Combine(dataPath, SqliteDialect.FileName)};Pooling=False");
}
