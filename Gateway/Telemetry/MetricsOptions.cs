namespace Gateway.Telemetry;

/// <summary>The <c>Gateway:Metrics</c> section.</summary>
internal sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Where <c>GET /metrics</c> is served in Prometheus text format, e.g. <c>http://0.0.0.0:9464</c>: a listener of its
    /// own, never the main one. Unset: no metrics, and no OpenTelemetry on the request path.
    /// </summary>
    public string? Url { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}
