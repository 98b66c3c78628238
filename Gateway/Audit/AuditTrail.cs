using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>
/// Records who did what to whom: in the user store (kept for <see cref="AuditOptions.Retention"/>) and as a structured
/// log event under the <c>Gateway.Audit</c> category. Never given a password or a token.
/// </summary>
internal sealed partial class AuditTrail
{
    public const string Category = "Gateway.Audit";

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly IAuditStore _store;
    private readonly IOptions<AuditOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _nextPruneTicks;

    public AuditTrail(IAuditStore store, IOptions<AuditOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger(Category);
    }

    /// <summary>Records an event of a request: its client address is recorded with it.</summary>
    public Task RecordAsync(HttpContext context, string name, string? actor, string? target, string? detail = null) =>
        RecordAsync(name, actor, target, context.Connection.RemoteIpAddress?.ToString(), detail);

    /// <remarks>
    /// A store that cannot take the event does not fail the action it describes (the action has happened); the event
    /// still reaches the log, with an error saying the store missed it.
    /// </remarks>
    public async Task RecordAsync(string name, string? actor, string? target, string? address, string? detail = null)
    {
        var now = _time.GetUtcNow();
        var auditEvent = new AuditEvent(now, name, actor, target, address, detail);
        LogEvent(_logger, name, actor ?? "-", target ?? "-", address ?? "-", detail ?? "");
        try
        {
            await _store.AppendAsync(auditEvent, CancellationToken.None);
            await PruneWhenDueAsync(now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotStored(_logger, ex, name);
        }
    }

    public Task<IReadOnlyList<AuditEvent>> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        _store.ListAsync(page, pageSize, cancellationToken);

    private async Task PruneWhenDueAsync(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks, due) != due)
        {
            return;
        }

        await _store.PruneAsync(now - _options.Value.Retention, CancellationToken.None);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Audit {AuditEvent}: actor {Actor}, target {Target}, address {Address} {Detail}")]
    private static partial void LogEvent(ILogger logger, string auditEvent, string actor, string target, string address, string detail);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Audit event {AuditEvent} could not be stored")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string auditEvent);
}
