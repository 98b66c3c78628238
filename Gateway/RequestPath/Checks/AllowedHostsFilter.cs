using Gateway.Hosting.Health;
using Gateway.Responses;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gateway.RequestPath.Checks;

/// <summary>
/// Answers 400 to a Host header not in <c>Gateway:AllowedHosts</c>, before routing, so it never reaches a backend as
/// X-Forwarded-Host (host header poisoning of reset links and caches). ASP.NET's HostFilteringMiddleware would do the
/// matching but writes a bare 400; this one answers like every other gateway error. /healthz and /readyz answer any
/// host: orchestrators probe them by the pod's IP address, and they tell nothing about users. So does the assertion
/// JWK Set, which backends fetch by the gateway's internal service name: it is a public key and builds no links.
/// </summary>
internal sealed class AllowedHostsFilter(RequestDelegate next, Replies replies, IOptions<AllowedHostsOptions> options)
{
    private readonly StringSegment[] _patterns = [.. options.Value.AllowedHosts.Select(host => new StringSegment(host))];
    private readonly bool _anyHost = options.Value.AllowedHosts is [] || options.Value.AllowedHosts.Contains("*");

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host;
        // MatchesAny ignores the port and case, and matches "*.example.com" against any subdomain of example.com.
        if (_anyHost || (host.HasValue && HostString.MatchesAny(host.Value, _patterns)) || IsHealthProbe(context.Request.Path)
            || context.Request.Path.Equals(Assertions.AssertionKeysEndpoint.Path, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var named = host.HasValue ? host.Host : "(none)";
        return replies.ErrorAsync(context, HttpError.Of(StatusCodes.Status400BadRequest,
            "unknown_host", $"This gateway does not serve the host {named}; ask your administrator to add it to Gateway:AllowedHosts."));
    }

    private static bool IsHealthProbe(PathString path) =>
        path.Equals(HealthExtensions.LivenessPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthExtensions.ReadinessPath, StringComparison.OrdinalIgnoreCase);
}

internal static class AllowedHostsFilterExtensions
{
    public static IApplicationBuilder UseAllowedHosts(this IApplicationBuilder app) => app.UseMiddleware<AllowedHostsFilter>();
}
