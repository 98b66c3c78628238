namespace Gateway.Telemetry;

/// <summary>Says once at start-up where metrics are served and where traces go, so an operator need not guess.</summary>
internal sealed partial class TelemetryStartupNotice(
    IServiceProvider services, IConfiguration configuration, ILogger<TelemetryStartupNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<MetricsListener>() is { } listener)
        {
            MetricsServed(logger, listener.Address + TelemetryExtensions.MetricsPath);
        }

        // Scheme, host and port only: a URL's user info or query could hold a credential.
        if (Uri.TryCreate(configuration[TelemetryExtensions.OtlpEndpointKey], UriKind.Absolute, out var endpoint))
        {
            TracesExported(logger, endpoint.Scheme, endpoint.Authority);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Metrics served at {Url} for Prometheus")]
    private static partial void MetricsServed(ILogger logger, string url);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Traces exported over OTLP to {Scheme}://{Authority}")]
    private static partial void TracesExported(ILogger logger, string scheme, string authority);
}
