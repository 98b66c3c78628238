using Gateway.Audit;
using Gateway.Storage.PostgreSql;
using Npgsql;

namespace Gateway.Storage;

/// <summary>Audit events in PostgreSQL, next to the users (see <see cref="SqliteAuditStore"/> for the SQLite twin).</summary>
internal sealed class PostgreSqlAuditStore(PostgreSqlDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO audit_events (at, event, actor, target, address, detail) " +
                "VALUES (@at, @event, @actor, @target, @address, @detail)",
                connection);
            command.Parameters.AddWithValue("at", auditEvent.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("event", auditEvent.Event);
            command.Parameters.AddWithValue("actor", NpgsqlTypes.NpgsqlDbType.Text, (object?)auditEvent.Actor ?? DBNull.Value);
            command.Parameters.AddWithValue("target", NpgsqlTypes.NpgsqlDbType.Text, (object?)auditEvent.Target ?? DBNull.Value);
            command.Parameters.AddWithValue("address", NpgsqlTypes.NpgsqlDbType.Text, (object?)auditEvent.Address ?? DBNull.Value);
            command.Parameters.AddWithValue("detail", NpgsqlTypes.NpgsqlDbType.Text, (object?)auditEvent.Detail ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<AuditEvent>>(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT at, event, actor, target, address, detail FROM audit_events ORDER BY seq DESC LIMIT @limit OFFSET @offset",
                connection);
            command.Parameters.AddWithValue("limit", pageSize);
            command.Parameters.AddWithValue("offset", (long)Math.Max(page, 0) * pageSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<AuditEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new AuditEvent(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return events;
        }, cancellationToken);

    public Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM audit_events WHERE at < @before", connection);
            command.Parameters.AddWithValue("before", before.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
