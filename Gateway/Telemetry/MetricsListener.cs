using System.Text.RegularExpressions;

using Gateway.Hosting.Options;

namespace Gateway.Telemetry;

/// <summary>
/// The metrics listener's address, checked against the main one. Read from configuration before the host is built,
/// since Kestrel is told to listen there too; the same check fails start-up with a message naming the setting.
/// </summary>
internal sealed partial record MetricsListener(string Address, int Port)
{
    public const string Setting = $"{GatewayOptions.SectionName}:{MetricsOptions.Section}:{nameof(MetricsOptions.Url)}";

    /// <returns>Null when metrics are off.</returns>
    public static MetricsListener? Read(IConfiguration configuration, out string? problem)
    {
        problem = null;
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Kestrel accepts * and + for "every address"; Uri does not.
        if (!Uri.TryCreate(Wildcard(value.Trim()), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp
            || url.AbsolutePath != "/" || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.UserInfo))
        {
            problem = $"{Setting} must be an http URL with a host and a port, like http://0.0.0.0:9464 (got '{value}').";
            return null;
        }

        if (!ExplicitPort().IsMatch(value.Trim()) || url.Port == 0)
        {
            problem = $"{Setting} must name its port, like http://0.0.0.0:9464 (got '{value}').";
            return null;
        }

        if (MainUrls(configuration).Any(main => TryPort(main) == url.Port))
        {
            problem = $"{Setting} uses port {url.Port}, which the gateway already serves its routes on: choose another port, so /metrics stays off the public listener.";
            return null;
        }

        return new MetricsListener(value.Trim().TrimEnd('/'), url.Port);
    }

    /// <summary>The main URLs as Kestrel would read them (urls, else HTTP_PORTS/HTTPS_PORTS, else the gateway's default), plus this one.</summary>
    public string CombinedUrls(IConfiguration configuration) => string.Join(';', [.. MainUrls(configuration), Address]);

    private static List<string> MainUrls(IConfiguration configuration)
    {
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
        if (urls.Count > 0)
        {
            return urls;
        }

        urls = [.. Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}"),
            .. Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}")];
        return urls.Count > 0 ? urls : [ListenAddress.Default];
    }

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int? TryPort(string url) =>
        Uri.TryCreate(Wildcard(url), UriKind.Absolute, out var parsed) ? parsed.Port : null;

    private static string Wildcard(string url) => url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
        .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);

    [GeneratedRegex(@":[0-9]+/?$")]
    private static partial Regex ExplicitPort();
}
