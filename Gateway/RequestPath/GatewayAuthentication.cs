using Gateway.RequestPath.Policies;
using Gateway.RequestPath.Token;
using Gateway.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath;

internal static class GatewayAuthentication
{
    public const string Scheme = "GatewayToken";

    /// <summary>The policy of the gateway's own administration (page and API): a signed-in user with the admin role.</summary>
    public const string AdminPolicy = "gateway:admin";

    // No scheme named in the policy: the authentication middleware already ran the default (ours) and set the user,
    // so authorization reuses it instead of authenticating again and merging principals on every request.
    private static readonly AuthorizationPolicy SignedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();

    /// <summary>
    /// One JWT bearer scheme reading the cookie or the Authorization header, and a fallback policy so every
    /// route without an explicit policy requires a valid token (secure by default).
    /// </summary>
    public static IServiceCollection AddGatewayAuthentication(this IServiceCollection services)
    {
        services.TryAddSingleton<TokenCookies>();
        services.TryAddSingleton<TokenCookieStorage>();
        services.TryAddSingleton<ChallengeResponses>();
        services.TryAddSingleton<GatewayTokenEvents>();
        services.TryAddSingleton<ValidatedTokenCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureGatewayJwtBearer>());

        services.AddAuthentication(Scheme).AddJwtBearer(Scheme, _ => { });
        // Singleton: it keeps no per-request state, and every service it uses is stateless.
        services.Replace(ServiceDescriptor.Singleton<IPolicyEvaluator, GatewayPolicyEvaluator>());
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(SignedIn)
            .SetDefaultPolicy(SignedIn)
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(RoleRules.Admin));
        return services;
    }
}
