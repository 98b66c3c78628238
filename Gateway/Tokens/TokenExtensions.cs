using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Tokens;

internal static class TokenExtensions
{
    public static IServiceCollection AddTokens(this IServiceCollection services)
    {
        services.TryAddSingleton<SigningKey>();
        services.TryAddSingleton<TokenIssuer>();
        services.AddHostedService<SigningKeyStartupNotice>();
        return services;
    }
}
