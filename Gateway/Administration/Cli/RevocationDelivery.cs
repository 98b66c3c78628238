using Gateway.Revocation;

namespace Gateway.Administration.Cli;

/// <summary>
/// Ending a user's sessions from the command line: the cut-off is stored in SQLite first (UserAdministration does that),
/// then published to Redis when it is configured. The command line holds no background sync, so what Redis did not
/// take is not retried: the command says so, and instances learn the cut-off from the user store instead
/// (see <see cref="StoredCutOffsRefresh"/>).
/// </summary>
internal static class RevocationDelivery
{
    /// <returns>A warning to print, or null when every instance was told (or there is no Redis to tell).</returns>
    public static string? Warning(IServiceProvider services)
    {
        var pending = services.GetService<PendingRevocations>();
        return pending is { Count: > 0 }
            ? "warning: Redis could not be reached, so the sessions were ended in the user store only: running instances " +
              $"enforce that within {StoredCutOffsRefresh.Interval.TotalSeconds:0} seconds, from the user store."
            : null;
    }
}
