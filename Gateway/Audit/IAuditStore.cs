namespace Gateway.Audit;

internal interface IAuditStore
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>The newest events first.</summary>
    /// <param name="page">Zero-based.</param>
    Task<IReadOnlyList<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Deletes the events older than <paramref name="before"/>.</summary>
    Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
