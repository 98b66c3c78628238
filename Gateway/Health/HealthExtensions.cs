namespace Gateway.Health;

internal static class HealthExtensions
{
    public const string LivenessPath = "/healthz";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    /// <summary>/healthz answers as long as the process serves requests; it checks no dependency.</summary>
    public static IEndpointRouteBuilder MapGatewayHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivenessPath, new() { Predicate = _ => false }).AllowAnonymous();
        return endpoints;
    }
}
