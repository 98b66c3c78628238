using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Revocation;

internal static partial class RevocationExtensions
{
    public static IServiceCollection AddTokenRevocation(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<ITokenRevocation, InMemoryTokenRevocation>();
        services.AddHostedService<RevocationStartupNotice>();
        return services;
    }
}
