using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>The standard OpenTelemetry variable: set, the gateway sends traces over OTLP.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "auth-gateway";

    public const string MetricsPath = "/metrics";

    /// <summary>The gateway's meter, for the server and the command line alike (both hash passwords).</summary>
    public static IServiceCollection AddGatewayMeter(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();
        return services;
    }

    /// <summary>
    /// Prometheus metrics on their own listener when Gateway:Metrics:Url is set; OTLP traces when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is. With neither, OpenTelemetry is not registered at all.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var listener = MetricsListener.Read(configuration, out _);

        var tracing = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        if (listener is null && !tracing)
        {
            return builder;
        }

        services.AddHostedService<TelemetryStartupNotice>();
        var telemetry = services.AddOpenTelemetry();
        // OTEL_SERVICE_NAME, when set, names the service instead (the default resource reads it).
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService(ServiceName));
        }

        if (listener is not null)
        {
            services.AddSingleton(listener);
            builder.WebHost.UseUrls(listener.CombinedUrls(configuration));
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(GatewayMetrics.MeterName)
                // ASP.NET Core's meters: hosting's http.server.request.duration by route and status, Kestrel's connections.
                .AddAspNetCoreInstrumentation()
                // System.Net.Http's http.client.request.duration: YARP's calls to the backends.
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        }

        if (tracing)
        {
            var metricsPort = listener?.Port;
            telemetry.WithTracing(tracer => tracer
                // Request headers are not recorded (the instrumentation records none unless told), so no cookie or token
                // reaches an attribute; query values are redacted by default.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => context.Connection.LocalPort != metricsPort)
                // YARP's outgoing call; the traceparent header it sends carries this span's context.
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// The metrics listener answers <c>GET /metrics</c> and 404 to anything else, ahead of every other middleware (host
    /// filtering, authentication, request logging), so none of them blocks a scrape or sees one.
    /// </summary>
    public static WebApplication UseMetricsListener(this WebApplication app)
    {
        if (app.Services.GetService<MetricsListener>() is not { } listener)
        {
            return app;
        }

        var port = listener.Port;
        app.MapWhen(context => context.Connection.LocalPort == port, metrics =>
        {
            metrics.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == MetricsPath
                && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)));
            metrics.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }
}
