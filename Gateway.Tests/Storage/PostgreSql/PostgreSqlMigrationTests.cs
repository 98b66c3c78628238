using System.Xml.Linq;
using Gateway.Audit;
using Gateway.Storage;
using Gateway.Storage.PostgreSql;
using Gateway.Storage.Sql;
using Gateway.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Gateway.Tests.Storage.PostgreSql;

/// <summary>A PostgreSQL database an earlier gateway migrated, with its own migration runner, to schema version 2.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlMigrationTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly CancellationToken None = CancellationToken.None;

    // The schema as the earlier gateway built it: its schema_migrations table and its two migrations as they were.
    private const string EarlierSchema = """
        CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE users (
            id text PRIMARY KEY, username text NOT NULL, username_key text NOT NULL UNIQUE, display_name text NOT NULL,
            password_hash text NOT NULL, created_at bigint NOT NULL, tokens_valid_after bigint NOT NULL DEFAULT 0,
            roles text NOT NULL DEFAULT '', disabled boolean NOT NULL DEFAULT false, last_login_at bigint, imported_from text);
        CREATE INDEX users_tokens_valid_after ON users (tokens_valid_after);
        CREATE TABLE deleted_users (id text PRIMARY KEY, tokens_valid_after bigint NOT NULL);
        CREATE INDEX deleted_users_tokens_valid_after ON deleted_users (tokens_valid_after);
        CREATE TABLE audit_events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at bigint NOT NULL, event text NOT NULL, actor text,
            target text, address text, detail text);
        CREATE INDEX audit_events_at ON audit_events (at);
        CREATE TABLE second_factors (
            user_id text PRIMARY KEY, secret text, pending_secret text, last_step bigint NOT NULL DEFAULT -1, enrolled_at bigint);
        CREATE TABLE recovery_codes (user_id text NOT NULL, code_hash text NOT NULL, PRIMARY KEY (user_id, code_hash));
        INSERT INTO schema_migrations (version) VALUES (1);
        CREATE TABLE data_protection_keys (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, friendly_name text NOT NULL, xml text NOT NULL,
            stored_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO schema_migrations (version) VALUES (2);
        """;

    private const string EarlierData = """
        INSERT INTO users (id, username, username_key, display_name, password_hash, created_at, tokens_valid_after,
            roles, disabled, last_login_at, imported_from)
        VALUES ('u1', 'Olga', 'olga', 'Olga O', 'hash1', 1800000000000, 1800000005000, 'admin,editor', true, 1800000010000, NULL),
               ('u2', 'pat', 'pat', 'Pat', 'hash2', 1800000000000, 0, '', false, NULL, 'legacy.csv');
        INSERT INTO deleted_users VALUES ('gone', 1800000020000);
        INSERT INTO audit_events (at, event, actor, target, address, detail)
        VALUES (1800000000000, 'user.created', 'cli', 'u1', NULL, 'roles: admin');
        INSERT INTO second_factors VALUES ('u1', 'secret', NULL, 77, 1800000000000);
        INSERT INTO recovery_codes VALUES ('u1', 'a'), ('u1', 'b');
        INSERT INTO data_protection_keys (friendly_name, xml) VALUES ('key-k1', '<key id="k1">material</key>');
        """;

    [Fact]
    public async Task Migrate_DatabaseAtTheEarlierRunnersLastVersion_KeepsItsVersionsAndEveryRow()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.ExecuteAsync(EarlierSchema + EarlierData);
        }

        await using var database = PostgresFixture.Open(connectionString);
        await database.MigrateAsync(None);
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
        Assert.Equal(
            new XElement("key", new XAttribute("id", "k1"), "material").ToString(),
            Assert.Single(new PostgreSqlXmlRepository(database).GetAllElements()).ToString());
        await using var check = new NpgsqlConnection(connectionString);
        Assert.Equal(Enumerable.Range(1, PostgreSqlMigrations.All.Count), await check.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }
}
