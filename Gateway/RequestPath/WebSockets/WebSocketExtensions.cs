using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.WebSockets;

internal static class WebSocketExtensions
{
    /// <summary>YARP proxies upgrades by itself; this only keeps track of them to close those of revoked sessions.</summary>
    public static IServiceCollection AddWebSocketTracking(this IServiceCollection services)
    {
        services.TryAddSingleton<OpenSockets>();
        services.AddHostedService<RevokedSocketCloser>();
        return services;
    }

    /// <summary>In the proxy pipeline, after authorization: only upgrades about to be forwarded are tracked.</summary>
    public static IApplicationBuilder UseOpenSocketTracking(this IApplicationBuilder proxy)
    {
        var options = proxy.ApplicationServices.GetRequiredService<IOptions<WebSocketsOptions>>().Value;
        return options.CloseOnLogout ? proxy.UseMiddleware<OpenSocketTracking>() : proxy;
    }
}
