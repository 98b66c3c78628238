using Gateway.Hosting.Options;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.RequestPath.Policies;

/// <summary>
/// Refuses a route whose <c>AuthorizationPolicy</c> names no policy: at start-up with one line naming the route and
/// the policy (<see cref="GatewayStartupException"/>), on reload as a route error, so YARP keeps its previous routes.
/// Runs before YARP's own validation, which would otherwise accept a policy the running configuration still has.
/// </summary>
internal sealed class RoutePolicyCheck(RoutePolicies policies, IOptions<AuthorizationOptions> authorization) : IProxyConfigFilter
{
    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        var name = route.AuthorizationPolicy;
        if (string.IsNullOrEmpty(name)
            || name.Equals("default", StringComparison.OrdinalIgnoreCase)
            || name.Equals("anonymous", StringComparison.OrdinalIgnoreCase)
            || policies.IsLoaded(name)
            || authorization.Value.GetPolicy(name) is not null)
        {
            return ValueTask.FromResult(route);
        }

        var defined = string.Join(", ", policies.LoadedNames);
        var message = $"Route '{route.RouteId}' uses the authorization policy '{name}', which is not defined. " +
            $"Define it under Gateway:Policies, or use anonymous, default{(defined.Length > 0 ? ", " + defined : "")}.";
        throw policies.Started ? new ArgumentException(message) : new GatewayStartupException(message);
    }

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
        ValueTask.FromResult(cluster);
}
