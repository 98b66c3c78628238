using Gateway.RequestPath.RequestLog;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;

namespace Gateway.Telemetry.Logging;

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
            // Its one warning is a failed forward with the exception's stack, once per request: in a backend outage a
            // flood of them outran the log writer and piled up in its queue. BackendFailureLog says why, once per interval.
            .MinimumLevel.Override("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogEventLevel.Error)
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
        // Serilog as the provider of the framework's own logger factory, not as a replacement factory: that one makes a
        // new logger, with its own event-id cache, every time a category is asked for, and ASP.NET's authentication
        // handler asks on every request. The standard factory keeps one per category; the filter passes every level
        // to Serilog, whose own minimum levels decide, as before.
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        builder.Services.AddSingleton<Serilog.ILogger>(logger);
        return builder;
    }

    /// <summary>One line per request (<see cref="RequestLogging"/>), outermost, so it records the status the error handler chose.</summary>
    public static IApplicationBuilder UseGatewayRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestLogging>();
}
