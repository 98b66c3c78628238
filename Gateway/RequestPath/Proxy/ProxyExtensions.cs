using Gateway.Hosting.Options;
using Gateway.RequestPath.Assertions;
using Gateway.RequestPath.Identity;
using Gateway.RequestPath.LongLived;
using Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.RequestPath.Proxy;

internal static class ProxyExtensions
{
    public const string ConfigSection = "ReverseProxy";

    /// <summary>YARP with routes and clusters from yarp.json (reloaded when the file changes) and the identity transform.</summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration, PipelineParts parts)
    {
        services.TryAddSingleton<IdentityForwarding>();
        services.TryAddSingleton<BackendFailureLog>();
        var proxy = services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(ConfigSection))
            .AddConfigFilter<DefaultTimeoutFilter>();
        if (parts.Identity)
        {
            proxy.AddTransforms<IdentityTransformProvider>();
        }

        if (parts.Extras)
        {
            // After the identity transform, which removes a client's X-Gateway-Assertion.
            proxy.AddTransforms<AssertionTransformProvider>()
                .AddTransforms<PrivateCachingTransformProvider>()
                .AddTransforms<LongLivedTransformProvider>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapGatewayProxy(this IEndpointRouteBuilder endpoints)
    {
        var parts = endpoints.ServiceProvider.GetRequiredService<PipelineParts>();
        if (!parts.Extras)
        {
            endpoints.MapReverseProxy();
            return endpoints;
        }

        endpoints.MapReverseProxy(proxy =>
        {
            if (parts.Metrics)
            {
                proxy.UseMiddleware<ProxyMetrics>();
            }

            proxy.UseMiddleware<ForwarderErrorResponses>();

            // A custom pipeline replaces YARP's default one, so its standard steps are listed again.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}
