using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>The policies of <c>Gateway:Policies</c> by name, then the registered ones (default, fallback, gateway:admin).</summary>
internal sealed class RoutePolicyProvider(RoutePolicies policies, IOptions<AuthorizationOptions> options)
    : IAuthorizationPolicyProvider
{
    private readonly DefaultAuthorizationPolicyProvider _registered = new(options);

    /// <summary>
    /// The authorization middleware caches a policy per endpoint when allowed; YARP keeps a route's endpoint when only
    /// the policy it names changed, so a cached policy would keep the old roles after a reload.
    /// </summary>
    public bool AllowsCachingPolicies => false;

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        policies.Find(policyName) is { } policy ? Task.FromResult<AuthorizationPolicy?>(policy) : _registered.GetPolicyAsync(policyName);

    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => _registered.GetDefaultPolicyAsync();

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => _registered.GetFallbackPolicyAsync();
}
