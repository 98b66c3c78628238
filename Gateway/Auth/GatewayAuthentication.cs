using Gateway.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

internal static class GatewayAuthentication
{
    public const string Scheme = "GatewayToken";

    /// <summary>
    /// One JWT bearer scheme reading the cookie or the Authorization header, and a fallback policy so every
    /// route without an explicit policy requires a valid token (secure by default).
    /// </summary>
    public static IServiceCollection AddGatewayAuthentication(this IServiceCollection services)
    {
        services.AddGatewaySection<TokenCookieOptions>(TokenCookieOptions.Section);
        services.TryAddSingleton<TokenCookies>();
        services.TryAddSingleton<SignIn>();
        services.TryAddSingleton<ChallengeResponses>();
        services.TryAddSingleton<GatewayTokenEvents>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureGatewayJwtBearer>());

        services.AddAuthentication(Scheme).AddJwtBearer(Scheme, _ => { });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build())
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        return services;
    }
}
