using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.RequestPath.Policies;

internal static class RoutePolicyExtensions
{
    /// <summary>Role policies from <c>Gateway:Policies</c> for YARP routes, reloaded with yarp.json.</summary>
    public static IServiceCollection AddRoutePolicies(this IServiceCollection services)
    {
        services.TryAddSingleton<RoutePolicies>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigChangeListener, RoutePolicies>(
            provider => provider.GetRequiredService<RoutePolicies>()));
        services.AddSingleton<IProxyConfigFilter, RoutePolicyCheck>();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, RoutePolicyProvider>());
        return services;
    }
}
