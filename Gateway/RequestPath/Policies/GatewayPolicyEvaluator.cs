using Gateway.RequestPath.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gateway.RequestPath.Policies;

/// <summary>
/// ASP.NET's policy evaluator with a shortcut for the policy nearly every proxied request meets: "signed in" (the
/// fallback and default policies, which name no scheme). The user the authentication middleware set is reused as
/// its result instead of being wrapped in a new ticket, and a signed-in user passes without an authorization
/// context built for a requirement only ASP.NET's own handler decides (the gateway's handlers decide second-factor
/// requirements, never this one). Every other policy (roles, second factor, a scheme) goes through ASP.NET's.
/// </summary>
internal sealed class GatewayPolicyEvaluator(IAuthorizationService authorization) : IPolicyEvaluator
{
    private static readonly Task<PolicyAuthorizationResult> Allowed = Task.FromResult(PolicyAuthorizationResult.Success());

    private readonly PolicyEvaluator _evaluator = new(authorization);

    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (policy.AuthenticationSchemes.Count == 0
            && context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } result
            && ReferenceEquals(result.Principal, context.User))
        {
            return Task.FromResult(result);
        }

        return _evaluator.AuthenticateAsync(policy, context);
    }

    public Task<PolicyAuthorizationResult> AuthorizeAsync(
        AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource)
    {
        // DenyAnonymousAuthorizationHandler's own test: some identity of the user is authenticated.
        if (policy.Requirements is [DenyAnonymousAuthorizationRequirement] && IsSignedIn(context.User))
        {
            return Allowed;
        }

        return _evaluator.AuthorizeAsync(policy, authenticationResult, context, resource);
    }

    private static bool IsSignedIn(System.Security.Claims.ClaimsPrincipal? user)
    {
        // Known as signed in without enumerating the identities again.
        if (user is not null && ForwardedIdentity.Of(user) is not null)
        {
            return true;
        }

        if (user?.Identity is null)
        {
            return false;
        }

        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated)
            {
                return true;
            }
        }

        return false;
    }
}
