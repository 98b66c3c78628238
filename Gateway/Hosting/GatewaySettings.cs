using Gateway.Accounts;
using Gateway.Accounts.SecondFactor;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.Hosting.TrustedProxies;
using Gateway.Pages;
using Gateway.RequestPath.Assertions;
using Gateway.RequestPath.Checks;
using Gateway.RequestPath.Identity;
using Gateway.RequestPath.LongLived;
using Gateway.RequestPath.Policies;
using Gateway.RequestPath.Proxy;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Gateway.Telemetry;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SessionOptions = Gateway.Accounts.Sessions.SessionOptions;

namespace Gateway.Hosting;

/// <summary>
/// Every section of the gateway's settings with its validation, registered here once for the server and for the
/// <c>users</c> command line alike: a command refuses (exit 2) exactly the configuration the server refuses to start
/// with, whether or not the command itself reads that section.
/// </summary>
internal static class GatewaySettings
{
    public static IServiceCollection AddGatewaySettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayOptions(configuration);

        services.AddGatewaySection<JwtOptions>(JwtOptions.Section);
        services.AddValidator<JwtOptions, JwtOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtOptions>, DevelopmentSigningKey>());

        services.AddGatewaySection<UserOptions>(UserOptions.Section);
        services.AddValidator<UserOptions, UserOptionsValidator>();
        services.AddGatewaySection<UserStoreOptions>(UserStoreOptions.Section);
        services.AddValidator<UserStoreOptions, UserStoreOptionsValidator>();

        services.AddGatewaySection<RedisOptions>(RedisOptions.Section);
        services.AddValidator<RedisOptions, RedisOptionsValidator>();

        MetricsListener.Read(configuration, out var metricsProblem);
        services.AddGatewaySection<MetricsOptions>(MetricsOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>>(new MetricsOptionsValidator(metricsProblem)));

        services.AddGatewaySection<PageOptions>(PageOptions.Section);
        services.AddValidator<PageOptions, PageOptionsValidator>();

        services.AddGatewaySection<TrustedProxyOptions>(TrustedProxyOptions.Section);
        services.AddValidator<TrustedProxyOptions, TrustedProxyOptionsValidator>();

        // Read from the Gateway section itself: Gateway:AllowedHosts and Gateway:Policies.
        services.AddOptions<AllowedHostsOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.AddValidator<AllowedHostsOptions, AllowedHostsOptionsValidator>();
        services.AddOptions<RoutePolicyOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.AddValidator<RoutePolicyOptions, RoutePolicyOptionsValidator>();

        services.AddGatewaySection<TokenCookieOptions>(TokenCookieOptions.Section);
        services.AddGatewaySection<SessionOptions>(SessionOptions.Section);
        services.AddGatewaySection<SecondFactorOptions>(SecondFactorOptions.Section);
        services.AddGatewaySection<AuthRateLimitOptions>(AuthRateLimitOptions.Section);
        services.AddGatewaySection<AuditOptions>(AuditOptions.Section);
        services.AddGatewaySection<IdentityHeaderOptions>(IdentityHeaderOptions.Section);
        services.AddGatewaySection<ProxyOptions>(ProxyOptions.Section);
        services.AddGatewaySection<WebSocketsOptions>(WebSocketsOptions.Section);
        services.AddGatewaySection<AssertionOptions>(AssertionOptions.Section);
        return services;
    }

    private static void AddValidator<TOptions, TValidator>(this IServiceCollection services)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions> =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
}
