namespace Gateway.Storage.Sqlite;

/// <summary>
/// The SQLite schema as numbered migrations, append-only (see <see cref="MigrationRunner"/>). Their numbers are those
/// PRAGMA user_version counted before <c>schema_migrations</c>, so a file at user_version n has applied the first n.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<string> All =
    [
        """
        CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL,
            username_key TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            tokens_valid_after INTEGER NOT NULL DEFAULT 0
        );
        """,
        """
        ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN last_login_at INTEGER;
        CREATE TABLE deleted_users (
            id TEXT PRIMARY KEY,
            tokens_valid_after INTEGER NOT NULL
        );
        CREATE TABLE audit_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            event TEXT NOT NULL,
            actor TEXT,
            target TEXT,
            address TEXT,
            detail TEXT
        );
        CREATE INDEX audit_events_at ON audit_events (at);
        """,
        """
        ALTER TABLE users ADD COLUMN imported_from TEXT;
        CREATE INDEX users_tokens_valid_after ON users (tokens_valid_after);
        """,
        """
        CREATE TABLE second_factors (
            user_id TEXT PRIMARY KEY,
            secret TEXT,
            pending_secret TEXT,
            last_step INTEGER NOT NULL DEFAULT -1,
            enrolled_at INTEGER
        );
        CREATE TABLE recovery_codes (
            user_id TEXT NOT NULL,
            code_hash TEXT NOT NULL,
            PRIMARY KEY (user_id, code_hash)
        );
        CREATE TRIGGER users_deleted_second_factor AFTER DELETE ON users BEGIN
            DELETE FROM second_factors WHERE user_id = old.id;
            DELETE FROM recovery_codes WHERE user_id = old.id;
        END;
        """,
        """
        CREATE TABLE attempt_counts (
            key_hash TEXT PRIMARY KEY,
            tries INTEGER NOT NULL,
            window_ends INTEGER NOT NULL
        );
        CREATE INDEX attempt_counts_window_ends ON attempt_counts (window_ends);
        """,
    ];
}
