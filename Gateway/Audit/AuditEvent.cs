namespace Gateway.Audit;

/// <param name="Event">One of <see cref="AuditEvents"/>.</param>
/// <param name="Actor">The user id who acted, <c>cli</c> for the command line, or null for an anonymous client.</param>
/// <param name="Target">The user id acted on, or null.</param>
/// <param name="Address">The client address, or null for the command line.</param>
/// <param name="Detail">A short, secret-free description (e.g. the new roles, the username tried).</param>
internal sealed record AuditEvent(
    DateTimeOffset At, string Event, string? Actor, string? Target, string? Address, string? Detail);
