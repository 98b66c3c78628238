using Yarp.ReverseProxy.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Hosting;

internal static class ConfigReloadExtensions
{
    /// <summary>Says in the log what an edit of yarp.json changed, and which settings wait for a restart.</summary>
    public static IServiceCollection AddConfigReloadReports(this IServiceCollection services)
    {
        services.AddHostedService<ConfigReloadMonitor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigChangeListener, ProxyConfigReport>());
        return services;
    }
}
