using Gateway.Audit;
using Gateway.Storage.Sqlite;

namespace Gateway.Storage;

/// <summary>Audit events in the gateway's SQLite file, next to the users.</summary>
internal sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO audit_events (at, event, actor, target, address, detail) VALUES ($at, $event, $actor, $target, $address, $detail)";
        command.Parameters.AddWithValue("$at", auditEvent.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$event", auditEvent.Event);
        command.Parameters.AddWithValue("$actor", (object?)auditEvent.Actor ?? DBNull.Value);
        command.Parameters.AddWithValue("$target", (object?)auditEvent.Target ?? DBNull.Value);
        command.Parameters.AddWithValue("$address", (object?)auditEvent.Address ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)auditEvent.Detail ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT at, event, actor, target, address, detail FROM audit_events ORDER BY seq DESC LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", pageSize);
        command.Parameters.AddWithValue("$offset", (long)Math.Max(page, 0) * pageSize);
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
    }

    public async Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit_events WHERE at < $before";
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
