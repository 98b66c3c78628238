using System.Collections.Frozen;
using Gateway.Accounts.SecondFactor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.RequestPath.Policies;

/// <summary>
/// The <c>Gateway:Policies</c> in force, switched together with the routes that use them. When yarp.json changes, YARP
/// tells this listener it loaded new routes; the new policies are read then and checked by
/// <see cref="RoutePolicyCheck"/> along with the routes. They take over only once YARP applied the routes, so a
/// reload YARP refuses keeps the old policies as well as the old routes.
/// </summary>
/// <remarks>
/// The policies are read through the options factory at that moment rather than from an IOptionsMonitor: the monitor
/// and YARP listen to the same configuration reload in no guaranteed order, so the monitor could still hold the
/// previous policies while YARP validates the new routes.
/// </remarks>
internal sealed class RoutePolicies(
    IOptionsFactory<RoutePolicyOptions> factory, IOptions<SecondFactorOptions> secondFactor, ILogger<RoutePolicies> logger)
    : IConfigChangeListener
{
    private static readonly FrozenDictionary<string, AuthorizationPolicy> None =
        FrozenDictionary<string, AuthorizationPolicy>.Empty;

    private volatile FrozenDictionary<string, AuthorizationPolicy> _applied = None;
    private volatile FrozenDictionary<string, AuthorizationPolicy> _loaded = None;
    private volatile bool _started;

    /// <summary>Whether the first configuration was applied: after that, a bad change is logged instead of stopping start-up.</summary>
    public bool Started => _started;

    /// <summary>YARP's own names, and the gateway's (its names hold a colon, which policy names may not).</summary>
    public static bool IsReserved(string name) =>
        name.Equals("default", StringComparison.OrdinalIgnoreCase)
        || name.Equals("anonymous", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("gateway:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The policy requests use: the applied one, else one just loaded (only YARP's validation asks for those).</summary>
    public AuthorizationPolicy? Find(string name) =>
        _applied.GetValueOrDefault(name) ?? _loaded.GetValueOrDefault(name);

    /// <summary>Whether the configuration YARP is checking defines <paramref name="name"/>.</summary>
    public bool IsLoaded(string name) => _loaded.ContainsKey(name);

    /// <summary>The names the configuration being checked defines, for messages.</summary>
    public IEnumerable<string> LoadedNames => _loaded.Keys.Order(StringComparer.OrdinalIgnoreCase);

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        try
        {
            _loaded = Build(factory.Create(Options.DefaultName), secondFactor.Value.RequiredForAll);
        }
        catch (OptionsValidationException ex) when (_started)
        {
            // The routes are still checked, against the policies in force.
            RoutePolicyLog.PoliciesRejected(logger, string.Join(" ", ex.Failures));
            _loaded = _applied;
        }
    }

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        _applied = _loaded;
        _started = true;
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception ex) => _loaded = _applied;

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception ex) => _loaded = _applied;

    private static FrozenDictionary<string, AuthorizationPolicy> Build(RoutePolicyOptions options, bool secondFactorForAll) =>
        options.Policies.ToFrozenDictionary(
            pair => pair.Key,
            pair => Build(pair.Value, secondFactorForAll),
            StringComparer.OrdinalIgnoreCase);

    private static AuthorizationPolicy Build(RoutePolicy rule, bool secondFactorForAll)
    {
        // No scheme named, like the gateway's other policies: the user the authentication middleware set is reused.
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser();
        if (rule.Roles.Count > 0)
        {
            policy.RequireRole(rule.Roles);
        }

        if (rule.RequireSecondFactor)
        {
            policy.AddRequirements(SecondFactorRequirement.Policy);
        }

        if (secondFactorForAll)
        {
            policy.AddRequirements(SecondFactorRequirement.All);
        }

        return policy.Build();
    }
}
