using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.TrustedProxies;

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, trusting only the configured proxies: from one of them,
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> become the connection's client address and the request's scheme,
/// so the rate limits, logs, audit, Secure cookies and the X-Forwarded-* headers YARP sets for the backend all see the
/// real client. From anyone else they change nothing (YARP replaces them on the way to the backend).
/// </summary>
internal static class TrustedProxyExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // The defaults trust loopback; empty lists must mean nobody is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.Proxies())
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var network in trusted.Value.Networks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }

            // No limit: walk X-Forwarded-For right to left past every trusted proxy, and stop at the first address that
            // is not one. The entries left of it were written by the client and prove nothing.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the client; nothing at all when no proxy is trusted.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.Enabled
            ? app.UseForwardedHeaders()
            : app;
}
