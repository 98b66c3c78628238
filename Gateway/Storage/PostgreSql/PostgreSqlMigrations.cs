namespace Gateway.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL schema, as numbered migrations: append-only, so a database of any earlier version is brought to the
/// current one by the migrations it lacks. Version n is <c>All[n - 1]</c>; <c>schema_migrations</c> records each applied.
/// Times are Unix milliseconds in bigint columns, as in the SQLite file, so both stores round and compare alike.
/// </summary>
internal static class PostgreSqlMigrations
{
    public static readonly IReadOnlyList<string> All =
    [
        """
        CREATE TABLE users (
            id text PRIMARY KEY,
            username text NOT NULL,
            username_key text NOT NULL UNIQUE,
            display_name text NOT NULL,
            password_hash text NOT NULL,
            created_at bigint NOT NULL,
            tokens_valid_after bigint NOT NULL DEFAULT 0,
            roles text NOT NULL DEFAULT '',
            disabled boolean NOT NULL DEFAULT false,
            last_login_at bigint,
            imported_from text
        );
        CREATE INDEX users_tokens_valid_after ON users (tokens_valid_after);
        CREATE TABLE deleted_users (
            id text PRIMARY KEY,
            tokens_valid_after bigint NOT NULL
        );
        CREATE INDEX deleted_users_tokens_valid_after ON deleted_users (tokens_valid_after);
        CREATE TABLE audit_events (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at bigint NOT NULL,
            event text NOT NULL,
            actor text,
            target text,
            address text,
            detail text
        );
        CREATE INDEX audit_events_at ON audit_events (at);
        CREATE TABLE second_factors (
            user_id text PRIMARY KEY,
            secret text,
            pending_secret text,
            last_step bigint NOT NULL DEFAULT -1,
            enrolled_at bigint
        );
        CREATE TABLE recovery_codes (
            user_id text NOT NULL,
            code_hash text NOT NULL,
            PRIMARY KEY (user_id, code_hash)
        );
        """,
        """
        CREATE TABLE data_protection_keys (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL,
            xml text NOT NULL,
            stored_at timestamptz NOT NULL DEFAULT now()
        );
        """,
        """
        CREATE TABLE attempt_counts (
            key_hash text PRIMARY KEY,
            tries bigint NOT NULL,
            window_ends bigint NOT NULL
        );
        CREATE INDEX attempt_counts_window_ends ON attempt_counts (window_ends);
        """,
    ];
}
