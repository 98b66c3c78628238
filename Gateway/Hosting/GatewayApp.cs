using Gateway.Accounts;
using Gateway.Accounts.SecondFactor;
using Gateway.Accounts.Sessions;
using Gateway.Administration;
using Gateway.Administration.Api;
using Gateway.Administration.WebPage;
using Gateway.Audit;
using Gateway.Hosting.DataProtection;
using Gateway.Hosting.Health;
using Gateway.Hosting.Options;
using Gateway.Hosting.TrustedProxies;
using Gateway.Pages;
using Gateway.RequestPath;
using Gateway.RequestPath.Assertions;
using Gateway.RequestPath.Checks;
using Gateway.RequestPath.LongLived;
using Gateway.RequestPath.Policies;
using Gateway.RequestPath.Proxy;
using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage.Sql;
using Gateway.Telemetry;
using Gateway.Telemetry.Logging;
using Gateway.Tokens;

namespace Gateway.Hosting;

/// <summary>Composes the gateway: the table of contents of the application.</summary>
internal static class GatewayApp
{
    /// <param name="services">Registrations made first, so they win over the defaults (a test's clock).</param>
    /// <param name="parts">Every part unless the benchmark's own host says otherwise.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null, PipelineParts? parts = null)
    {
        parts ??= PipelineParts.All;
        var builder = WebApplication.CreateBuilder(args);
        services?.Invoke(builder.Services);

        // yarp.json holds the routes, the clusters and the gateway's own settings, validated at start-up.
        builder.Configuration.AddGatewayConfigFile(args);
        builder.WebHost.UseGatewayListenAddress(builder.Configuration);
        builder.Services.AddGatewaySettings(builder.Configuration);
        builder.Services.AddGatewayMeter();
        builder.Services.AddConfigReloadReports();
        builder.Services.AddSingleton(parts);

        builder.AddGatewayLogging();
        builder.AddGatewayTelemetry();
        builder.Services.AddTokens();
        builder.Services.AddTokenRevocation(builder.Configuration);
        builder.Services.AddUserStore();
        builder.Services.AddAccounts();
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
        builder.Services.AddGatewayErrorHandling();
        builder.Services.AddTrustedProxies();
        builder.Services.AddAuthRateLimiting();
        builder.Services.AddGatewayHealthChecks();
        builder.Services.AddGatewayProxy(builder.Configuration, parts);
        builder.Services.AddLongLivedTracking();
        builder.Services.AddGatewayAssertions();

        parts.AfterServices?.Invoke(builder.Services);

        var app = builder.Build();
        parts.First?.Invoke(app);

        // First: from a trusted load balancer, everything below sees the client's address and scheme, not the balancer's.
        app.UseTrustedProxies();

        // The metrics listener, when configured, branches off first: nothing below runs for a scrape.
        app.UseMetricsListener();

        // Request logging outermost, so it records the status the error handler chose rather than the raw exception.
        if (parts.RequestLog)
        {
            app.UseGatewayRequestLogging();
        }

        if (parts.Extras)
        {
            app.UseGatewayErrorHandling();
        }

        if (parts.Checks)
        {
            app.UseAllowedHosts();
            app.UseAmbiguousPathRejection();
            app.UseGatewayAssets();
        }

        app.UseRouting();
        if (parts.Auth)
        {
            app.UseAuthentication();
            app.UseRevocationStalenessLimit();
            app.UseAuthorization();
        }
        else
        {
            SkipAutomaticAuth(app);
        }

        if (parts.Checks)
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

    // WebApplication adds UseAuthentication and UseAuthorization itself when the services exist and the pipeline did
    // not call them; these are the keys it looks for.
    private static void SkipAutomaticAuth(IApplicationBuilder app)
    {
        app.Properties["__AuthenticationMiddlewareSet"] = true;
        app.Properties["__AuthorizationMiddlewareSet"] = true;
    }
}
