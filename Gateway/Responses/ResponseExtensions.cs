using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Responses;

internal static class ResponseExtensions
{
    public static IServiceCollection AddGatewayReplies(this IServiceCollection services)
    {
        services.TryAddSingleton<Replies>();
        return services;
    }
}
