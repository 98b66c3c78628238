using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gateway.Storage.Sql;

/// <summary>
/// Readiness of the user store, probed through <see cref="IUserStore"/> with an id no user can have. Unreachable is
/// Degraded, not Unhealthy: every replica shares the one database, and each still proxies valid tokens, so taking them
/// out of a load balancer would only end what still works. The answer names the store, never its connection string.
/// </summary>
internal sealed class UserStoreHealthCheck(IUserStore users, IOptions<UserStoreOptions> options) : IHealthCheck
{
    public const string Name = "userStore";

    // Not a user id (those are 32 hex digits), so the probe finds nobody, whatever the store holds.
    private const string ProbeId = "readiness-probe";

    // A /readyz that hangs is no answer: past this, the store counts as unreachable.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var store = options.Value.Store switch
        {
            UserStoreKind.PostgreSql => "PostgreSQL",
            _ => "SQLite",
        };
        var data = new Dictionary<string, object> { ["store"] = store };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await users.FindByIdAsync(ProbeId, timeout.Token);
            return HealthCheckResult.Healthy($"user store ({store}) reachable.", data);
        }
        catch (Exception ex) when (ex is UserStoreUnavailableException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Degraded(
                $"user store ({store}) unreachable: sign-in, registration and account changes answer 503 with Retry-After; " +
                "requests with valid tokens are still proxied.", data: data);
        }
    }
}
