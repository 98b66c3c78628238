using Gateway.Revocation;
namespace Gateway.Diagnostics;

/// <summary>Benchmark only: see <see cref="BenchStages"/>. With GATEWAY_BENCH_OFF unset, these change nothing.</summary>
internal static class BenchStagesExtensions
{
    // WebApplication adds UseAuthentication and UseAuthorization itself when the services exist and the pipeline did
    // not call them; these are the keys it looks for.
    private const string AuthenticationSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationSetKey = "__AuthorizationMiddlewareSet";

    public static BenchStages AddBenchStages(this WebApplicationBuilder builder)
    {
        var stages = BenchStages.Read(builder.Configuration);
        builder.Services.AddSingleton(stages);
        return stages;
    }

    /// <summary>Called after the revocation is registered: wraps it so no token is found revoked.</summary>
    public static void AddBenchRevocation(this IServiceCollection services, BenchStages stages)
    {
        if (stages.IsOn(BenchStages.Revocation))
        {
            return;
        }

        var real = services.Last(descriptor => descriptor.ServiceType == typeof(ITokenRevocation));
        services.Remove(real);
        services.AddSingleton<ITokenRevocation>(provider => new BenchRevocation((ITokenRevocation)(
            real.ImplementationFactory?.Invoke(provider) ?? ActivatorUtilities.CreateInstance(provider, real.ImplementationType!))));
    }

    /// <summary>With the auth stage off, keeps WebApplication from adding the middleware the pipeline left out.</summary>
    public static void SkipAutomaticAuth(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationSetKey] = true;
        app.Properties[AuthorizationSetKey] = true;
    }
}
