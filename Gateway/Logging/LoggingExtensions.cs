using System.Diagnostics;
using Gateway.Tokens;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Yarp.ReverseProxy.Model;

namespace Gateway.Logging;

internal static class LoggingExtensions
{
    /// <summary>Serilog to standard output through a background batching queue, so a slow terminal never slows a request.</summary>
    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        // This application's own logger, not the static Log.Logger: that one is Program's bootstrap logger, which writes
        // synchronously under a lock, and tests run several gateways in one process.
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            // Routes refused on reload are reported in one line by ProxyConfigReport; YARP's own entry adds a stack trace.
            .MinimumLevel.Override("Yarp.ReverseProxy.Management.ProxyConfigManager", LogEventLevel.Fatal)
            // Keys in the data folder are not encrypted at rest; the README says so once, the log need not say it every start.
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // Start-up failures are reported once, by Program, with the setting to fix; not again with a stack trace.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            .ReadFrom.Configuration(builder.Configuration)
            // YARP logs a body the client cut short as a warning with two stack traces; ForwarderErrorResponses logs one line.
            .Filter.ByExcluding(e => e.Exception is not null && e.Level < LogEventLevel.Error && ClientFaults.IsClientFault(e.Exception))
            .Enrich.FromLogContext()
            // Last, so it also sees what the enrichers before it added.
            .Enrich.With<LogValueEscaping>()
            .WriteTo.Sink(new BatchedConsoleSink(), new BatchingOptions
            {
                BatchSizeLimit = 1000,
                BufferingTimeLimit = TimeSpan.FromMilliseconds(200),
                // Past this many waiting lines, new ones are dropped rather than growing memory without bound.
                QueueLimit = 100_000,
            })
            .CreateLogger();
        builder.Services.AddSerilog(logger, dispose: true);
        builder.Services.AddSingleton<Serilog.ILogger>(logger);
        return builder;
    }

    /// <summary>
    /// One line per request: method, path (no query string), status, elapsed, route, user id and the W3C trace id, the
    /// one a traced backend receives in traceparent, so a line can be matched with the backend's and a trace.
    /// </summary>
    public static IApplicationBuilder UseGatewayRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate =
                "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (route {RouteId}, user {UserId}) from {ClientAddress} trace {TraceId}";
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                var endpoint = context.GetEndpoint();
                diagnostics.Set("RouteId",
                    endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? endpoint?.DisplayName ?? "-");
                diagnostics.Set("UserId", context.User.FindFirst(GatewayClaims.Subject)?.Value ?? "-");
                // The client's, or from a trusted load balancer the one it forwarded (Gateway:ForwardedHeaders).
                diagnostics.Set("ClientAddress", context.Connection.RemoteIpAddress?.ToString() ?? "-");
                // The hosting layer starts the request's activity whenever it logs (always here), traced or not; its
                // hex id is already a string, so this allocates nothing.
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToHexString() ?? "-");
            };
        });
}
