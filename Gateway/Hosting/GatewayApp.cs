using Gateway.Accounts;
using Gateway.Accounts.SecondFactor;
using Gateway.Accounts.Sessions;
using Gateway.Administration;
using Gateway.Administration.Api;
using Gateway.Administration.WebPage;
using Gateway.Audit;
using Gateway.Diagnostics;
using Gateway.Hosting.DataProtection;
using Gateway.Hosting.Health;
using Gateway.Hosting.Options;
using Gateway.Hosting.TrustedProxies;
using Gateway.Pages;
using Gateway.RequestPath;
using Gateway.RequestPath.Assertions;
using Gateway.RequestPath.Checks;
using Gateway.RequestPath.Policies;
using Gateway.RequestPath.Proxy;
using Gateway.RequestPath.WebSockets;
using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage;
using Gateway.Telemetry;
using Gateway.Telemetry.Logging;
using Gateway.Tokens;
namespace Gateway.Hosting;

/// <summary>Composes the gateway: the table of contents of the application.</summary>
internal static class GatewayApp
{
    /// <param name="services">Registrations made first, so they win over the defaults (a test's clock).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        services?.Invoke(builder.Services);

        // yarp.json holds the routes, the clusters and the gateway's own settings.
        builder.Configuration.AddGatewayConfigFile(args);
        builder.Services.AddGatewayOptions(builder.Configuration);
        builder.Services.AddGatewayMeter();
        builder.Services.AddConfigReloadReports();
        // Benchmark only (bench/README.md): every stage is on unless GATEWAY_BENCH_OFF names it.
        var bench = builder.AddBenchStages();

        builder.AddGatewayLogging();
        builder.AddGatewayTelemetry();
        builder.Services.AddTokens();
        builder.Services.AddTokenRevocation(builder.Configuration);
        builder.Services.AddBenchRevocation(bench);
        builder.Services.AddUserStore();
        builder.Services.AddAuditTrail();
        builder.Services.AddUserAdministration();
        builder.Services.AddAdminPage();
        builder.Services.AddGatewayAuthentication();
        builder.Services.AddSessions();
        builder.Services.AddSecondFactor();
        builder.Services.AddRoutePolicies();
        builder.Services.AddGatewayDataProtection(builder.Configuration);
        builder.Services.AddGatewayPages();
        builder.Services.AddGatewayReplies();
        builder.Services.AddTrustedProxies();
        builder.Services.AddAuthRateLimiting();
        builder.Services.AddGatewayHealthChecks();
        builder.Services.AddGatewayProxy(builder.Configuration);
        builder.Services.AddWebSocketTracking();
        builder.Services.AddGatewayAssertions();

        var app = builder.Build();
        if (bench.Any)
        {
            BenchStagesLog.StagesOff(app.Logger, bench.ToString());
        }

        app.UseBenchAllocationProbe();

        // First: from a trusted load balancer, everything below sees the client's address and scheme, not the balancer's.
        app.UseTrustedProxies();

        // The metrics listener, when configured, branches off first: nothing below runs for a scrape.
        app.UseMetricsListener();

        // Request logging outermost, so it records the status the error handler chose rather than the raw exception.
        if (bench.IsOn(BenchStages.RequestLog))
        {
            app.UseGatewayRequestLogging();
        }

        if (bench.IsOn(BenchStages.Extras))
        {
            app.UseGatewayErrorHandling();
        }

        if (bench.IsOn(BenchStages.Checks))
        {
            app.UseAllowedHosts();
            app.UseAmbiguousPathRejection();
            app.UseGatewayAssets();
        }

        app.UseRouting();
        if (bench.IsOn(BenchStages.Auth))
        {
            app.UseAuthentication();
            app.UseRevocationStalenessLimit();
            app.UseAuthorization();
        }
        else
        {
            app.SkipAutomaticAuth();
        }

        if (bench.IsOn(BenchStages.Checks))
        {
            app.UseRateLimiter();
        }

        app.MapGatewayHealthChecks();
        app.MapAuthEndpoints();
        app.MapAdminApi();
        app.MapAssertionKeys();
        app.MapGatewayProxy();

        return app;
    }
}
