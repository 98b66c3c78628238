using Yarp.ReverseProxy.Configuration;

namespace Gateway.Hosting;

/// <summary>
/// Reports routes and clusters that YARP refused on reload (it keeps the previous ones) at Error, in one line with every
/// reason. At start-up the same failure stops the gateway and Program reports it.
/// </summary>
internal sealed class ProxyConfigReport(ILogger<ProxyConfigReport> logger) : IConfigChangeListener
{
    private volatile bool _applied;

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs) => _applied = true;

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception ex) => Report(ex);

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception ex) => Report(ex);

    private void Report(Exception ex)
    {
        if (_applied)
        {
            ConfigReloadLog.ProxyConfigRejected(logger, Reasons(ex));
        }
    }

    internal static string Reasons(Exception ex) => ex is AggregateException aggregate
        ? string.Join(" ", aggregate.InnerExceptions.Select(Reasons))
        : ex.InnerException is null ? ex.Message : $"{ex.Message} {Reasons(ex.InnerException)}";
}
