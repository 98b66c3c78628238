using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.RequestPath.LongLived;

internal static class LongLivedExtensions
{
    /// <summary>
    /// YARP proxies upgrades and event streams by itself; this keeps track of the open ones to end them with their
    /// session or token. The transform that records them goes on every route (<see cref="LongLivedTransformProvider"/>).
    /// </summary>
    public static IServiceCollection AddLongLivedTracking(this IServiceCollection services)
    {
        services.TryAddSingleton<OpenConnections>();
        services.TryAddSingleton<LongLivedTracking>();
        services.AddHostedService<RevokedConnectionCloser>();
        return services;
    }
}
