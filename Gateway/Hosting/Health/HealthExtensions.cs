namespace Gateway.Hosting.Health;

internal static class HealthExtensions
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>Checks with this tag report on /readyz: dependencies the gateway can run without, but not as well.</summary>
    public const string ReadinessTag = "ready";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        // Each capability adds its own checks (the user store, Redis); this adds the endpoints' services.
        services.AddHealthChecks();
        return services;
    }

    /// <summary>
    /// /healthz answers as long as the process serves requests; it checks no dependency. /readyz reports the dependencies
    /// in JSON: 200 when Healthy or Degraded (still serving), 503 when Unhealthy.
    /// </summary>
    public static IEndpointRouteBuilder MapGatewayHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivenessPath, new() { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadinessPath, new()
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return endpoints;
    }
}
