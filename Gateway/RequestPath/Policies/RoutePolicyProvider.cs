using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gateway.Accounts.SecondFactor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Policies;

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

    // The authorization middleware asks for the fallback policy on every request to a route that names none: the
    // answers are completed tasks made once, the named ones once per policy object, which a reload replaces (so a
    // reload is seen at once, and the table forgets the old ones with them).
    private readonly ConditionalWeakTable<AuthorizationPolicy, Task<AuthorizationPolicy?>> _named = new();
    private Task<AuthorizationPolicy>? _default;
    private Task<AuthorizationPolicy?>? _fallback;

    /// <summary>
    /// The authorization middleware caches a policy per endpoint when allowed; YARP keeps a route's endpoint when only
    /// the policy it names changed, so a cached policy would keep the old roles after a reload.
    /// </summary>
    public bool AllowsCachingPolicies => false;

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        policies.Find(policyName) is { } named
            ? _named.GetValue(named, static policy => Task.FromResult<AuthorizationPolicy?>(policy))
            : RegisteredAsync(policyName);

    // The registered policies come from AuthorizationOptions, fixed at start-up: computed once (a race computes the same).
    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => _default ??= DefaultAsync();

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => _fallback ??= FallbackAsync();

    private async Task<AuthorizationPolicy?> RegisteredAsync(string policyName) => ForAll(await _registered.GetPolicyAsync(policyName));

    private async Task<AuthorizationPolicy> DefaultAsync() => ForAll(await _registered.GetDefaultPolicyAsync())!;

    private async Task<AuthorizationPolicy?> FallbackAsync() => ForAll(await _registered.GetFallbackPolicyAsync());

    private AuthorizationPolicy? ForAll(AuthorizationPolicy? policy) =>
        policy is null || !_secondFactorForAll
            ? policy
            : _withSecondFactor.GetOrAdd(policy, static registered =>
                new AuthorizationPolicyBuilder().Combine(registered).AddRequirements(SecondFactorRequirement.All).Build());
}
