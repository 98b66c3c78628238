using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.RequestPath.Assertions;

internal static class AssertionExtensions
{
    /// <summary>The key, the issuer and its start-up check; the transform is added with the proxy's (AddGatewayProxy).</summary>
    public static IServiceCollection AddGatewayAssertions(this IServiceCollection services)
    {
        services.TryAddSingleton<AssertionKey>();
        services.TryAddSingleton<AssertionIssuer>();
        services.AddHostedService<AssertionStartup>();
        return services;
    }
}
