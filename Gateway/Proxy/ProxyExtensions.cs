using Gateway.Assertions;
using Gateway.Configuration;
using Gateway.WebSockets;
using Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Proxy;

internal static class ProxyExtensions
{
    public const string ConfigSection = "ReverseProxy";

    /// <summary>YARP with routes and clusters from yarp.json (reloaded when the file changes) and the identity transform.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySection<IdentityHeaderOptions>(IdentityHeaderOptions.Section);
        services.AddGatewaySection<ProxyOptions>(ProxyOptions.Section);
        services.AddAllowedHosts();
        services.TryAddSingleton<IdentityForwarding>();
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(ConfigSection))
            .AddConfigFilter<DefaultTimeoutFilter>()
            .AddTransforms<IdentityTransformProvider>()
            // After the identity transform, which removes a client's X-Gateway-Assertion.
            .AddTransforms<AssertionTransformProvider>()
            .AddTransforms<PrivateCachingTransformProvider>();
        return services;
    }

    public static IEndpointRouteBuilder MapGatewayProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyMetrics>();
            proxy.UseMiddleware<ForwarderErrorResponses>();
            proxy.UseOpenSocketTracking();

            // A custom pipeline replaces YARP's default one, so its standard steps are listed again.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
