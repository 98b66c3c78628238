using Gateway.Accounts;
using Gateway.Audit;
using Gateway.Hosting;
using Gateway.Hosting.Options;
using Gateway.Revocation;
using Gateway.Storage.Sql;
using Gateway.Telemetry;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace Gateway.Administration.Cli;

/// <summary>
/// The services the command line shares with the server, read from the same configuration (yarp.json through
/// <c>--config</c> or <c>GATEWAY_CONFIG</c>, environment variables, <c>--Gateway:...</c> arguments), without a web server.
/// The host is built, never started: no hosted service runs, so nothing listens, syncs or prints a start-up banner.
/// </summary>
internal static class CliHost
{
    public static IHost Build(IReadOnlyList<string> configurationArgs)
    {
        string[] args = [.. configurationArgs];

        // As WebApplication.CreateBuilder does, so ASPNETCORE_ENVIRONMENT picks the same environment as the server's.
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            Configuration = configuration,
        });

        builder.Configuration.AddGatewayConfigFile(args);
        builder.Services.AddGatewaySettings(builder.Configuration);
        builder.Services.AddGatewayMeter();
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(CreateLogger(), dispose: true);
        builder.Services.AddTokenRevocation(builder.Configuration);
        builder.Services.AddUserStore();
        builder.Services.AddAccounts();
        // UserAccounts takes it; in Development the container checks that every registered service can be built.
        builder.Services.AddAccountAttemptLimit();
        // One command, one hash, nothing to keep responsive: hash at normal priority and never answer busy.
        builder.Services.PostConfigure<UserOptions>(options =>
        {
            options.LowPriorityHashing = false;
            options.HashDeadline = TimeSpan.FromMinutes(1);
        });
        builder.Services.AddAuditTrail();
        builder.Services.AddUserAdministration();

        var host = builder.Build();

        // What ValidateOnStart checks when a host starts, for every section the server validates (GatewaySettings), even
        // those no command reads: a setting that stops the server stops the command, with the same reason.
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }

    /// <summary>
    /// Warnings and errors only, on standard error: standard output is the command's answer (<c>users list --json</c>).
    /// Audit events go to the user store, where the admin page and API show them, not to the terminal.
    /// </summary>
    private static Serilog.Core.Logger CreateLogger() => new LoggerConfiguration()
        .MinimumLevel.Warning()
        .MinimumLevel.Override(AuditTrail.Category, LogEventLevel.Error)

        // A revocation Redis did not take is reported once, in the command's own words (see RevocationDelivery).
        .MinimumLevel.Override(typeof(RedisTokenRevocation).FullName!, LogEventLevel.Error)
        .WriteTo.Console(
            outputTemplate: "{Level:w}: {Message:lj}{NewLine}{Exception}",
            standardErrorFromLevel: LogEventLevel.Verbose,
            formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        .CreateLogger();

    public static T Get<T>(this IHost host)
        where T : notnull => host.Services.GetRequiredService<T>();
}
