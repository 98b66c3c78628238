namespace Gateway.Administration;

/// <summary>Who administers: a signed-in admin (by user id, from an address) or the command line.</summary>
internal sealed record AdminActor(string Id, string? Address)
{
    public static readonly AdminActor CommandLine = new(Audit.AuditEvents.CommandLine, null);

    public bool IsUser(string userId) => !ReferenceEquals(this, CommandLine) && Id == userId;
}
