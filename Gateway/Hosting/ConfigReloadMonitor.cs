using Gateway.Hosting.Options;
using Gateway.RequestPath.Policies;
using Microsoft.Extensions.Primitives;

namespace Gateway.Hosting;

/// <summary>
/// Says what a change to yarp.json did. The gateway reads its own settings once (IOptions), so a changed setting under
/// a watched section takes effect only after a restart: that is logged once per distinct set of changed names.
/// A file that could not be read or parsed is logged at Error, naming the problem.
/// </summary>
internal sealed class ConfigReloadMonitor(IConfiguration configuration, ILogger<ConfigReloadMonitor> logger)
    : IHostedService, IDisposable
{
    /// <summary>Sections read at start-up only. Serilog is configured once, when the logger is built.</summary>
    private static readonly string[] RestartSections = [GatewayOptions.SectionName, "Serilog"];

    /// <summary>Applied live with the routes (see RoutePolicies), so not a setting that waits for a restart.</summary>
    private const string LivePolicies = GatewayOptions.SectionName + ":" + RoutePolicyOptions.SectionName;

    private readonly Lock _lock = new();
    private Dictionary<string, string> _running = [];
    private string _reported = "";
    private IDisposable? _watch;
    private GatewayJsonConfigurationProvider[] _files = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Snapshot();
        _watch = ChangeToken.OnChange(configuration.GetReloadToken, Compare);
        _files = configuration is IConfigurationRoot root
            ? root.Providers.OfType<GatewayJsonConfigurationProvider>().ToArray()
            : [];
        foreach (var file in _files)
        {
            file.Rejected += OnRejected;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watch?.Dispose();
        foreach (var file in _files)
        {
            file.Rejected -= OnRejected;
        }
    }

    private void OnRejected(string reason) => ConfigReloadLog.FileRejected(logger, reason);

    private void Compare()
    {
        var now = Snapshot();
        var changed = _running.Keys.Union(now.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(key => _running.GetValueOrDefault(key) != now.GetValueOrDefault(key))
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var names = string.Join(", ", changed);

        lock (_lock)
        {
            // A save often raises more than one change event: say it once.
            if (names == _reported)
            {
                return;
            }

            _reported = names;
        }

        if (changed.Count > 0)
        {
            ConfigReloadLog.RestartNeeded(logger, names);
        }
        else
        {
            ConfigReloadLog.BackToRunningValues(logger);
        }
    }

    private static bool IsLive(string key) =>
        key.StartsWith(LivePolicies, StringComparison.OrdinalIgnoreCase)
        && (key.Length == LivePolicies.Length || key[LivePolicies.Length] == ':');

    private Dictionary<string, string> Snapshot() => RestartSections
        .SelectMany(section => configuration.GetSection(section).AsEnumerable())
        .Where(pair => pair.Value is not null && !IsLive(pair.Key))
        .ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.OrdinalIgnoreCase);
}
