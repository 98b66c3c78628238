using Gateway.Audit;

namespace Gateway.Storage.Sql;

/// <summary>Audit events in the gateway's database, next to the users; times in Unix milliseconds.</summary>
internal sealed class SqlAuditStore(StoreDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO audit_events (at, event, actor, target, address, detail) " +
            "VALUES (@at, @Event, @Actor, @Target, @Address, @Detail)",
            new
            {
                at = auditEvent.At.ToUnixTimeMilliseconds(),
                auditEvent.Event,
                auditEvent.Actor,
                auditEvent.Target,
                auditEvent.Address,
                auditEvent.Detail,
            },
            cancellationToken);

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync<(long At, string Event, string? Actor, string? Target, string? Address, string? Detail)>(
            "SELECT at, event, actor, target, address, detail FROM audit_events ORDER BY seq DESC LIMIT @limit OFFSET @offset",
            new { limit = pageSize, offset = (long)Math.Max(page, 0) * pageSize },
            cancellationToken);
        return [.. rows.Select(row => new AuditEvent(
            UserRow.FromUnix(row.At), row.Event, row.Actor, row.Target, row.Address, row.Detail))];
    }

    public Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "DELETE FROM audit_events WHERE at < @before", new { before = before.ToUnixTimeMilliseconds() }, cancellationToken);
}
