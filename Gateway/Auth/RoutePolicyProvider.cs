using System.Collections.Concurrent;
using Gateway.SecondFactor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>
/// The policies of <c>Gateway:Policies</c> by name, then the registered ones (default, fallback, gateway:admin); with
/// <c>Gateway:SecondFactor:RequiredForAll</c>, the registered ones require a second factor too (the named ones are
/// built with it, see <see cref="RoutePolicies"/>).
/// </summary>
internal sealed class RoutePolicyProvider(
    RoutePolicies policies, IOptions<AuthorizationOptions> options, IOptions<SecondFactorOptions> secondFactor)
    : IAuthorizationPolicyProvider
{
    private readonly DefaultAuthorizationPolicyProvider _registered = new(options);
    private readonly bool _secondFactorForAll = secondFactor.Value.RequiredForAll;
    private readonly ConcurrentDictionary<AuthorizationPolicy, AuthorizationPolicy> _withSecondFactor = new();

    /// <summary>
    /// The authorization middleware caches a policy per endpoint when allowed; YARP keeps a route's endpoint when only
    /// the policy it names changed, so a cached policy would keep the old roles after a reload.
    /// </summary>
    public bool AllowsCachingPolicies => false;

    public async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        policies.Find(policyName) ?? ForAll(await _registered.GetPolicyAsync(policyName));

    public async Task<AuthorizationPolicy> GetDefaultPolicyAsync() => ForAll(await _registered.GetDefaultPolicyAsync())!;

    public async Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => ForAll(await _registered.GetFallbackPolicyAsync());

    private AuthorizationPolicy? ForAll(AuthorizationPolicy? policy) =>
        policy is null || !_secondFactorForAll
            ? policy
            : _withSecondFactor.GetOrAdd(policy, static registered =>
                new AuthorizationPolicyBuilder().Combine(registered).AddRequirements(SecondFactorRequirement.All).Build());
}
