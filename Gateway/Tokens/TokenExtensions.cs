using Gateway.Hosting.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

internal static class TokenExtensions
{
    public static IServiceCollection AddTokens(this IServiceCollection services)
    {
        services.AddGatewaySection<JwtOptions>(JwtOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtOptions>, DevelopmentSigningKey>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>());
        services.TryAddSingleton<SigningKey>();
        services.TryAddSingleton<TokenIssuer>();
        services.AddHostedService<SigningKeyStartupNotice>();
        return services;
    }
}
