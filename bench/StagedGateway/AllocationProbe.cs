namespace StagedGateway;

/// <summary>
/// Benchmark only: with GATEWAY_BENCH_PROBE=1 (or <c>types</c>, which also lists sampled allocations by type at
/// <see cref="TypesPath"/>), <c>GET /_bench/allocated</c> answers the bytes this process has
/// allocated so far (<see cref="GC.GetTotalAllocatedBytes"/>), ahead of every other middleware, so the bench can
/// divide the difference over a run by the requests it made. Unset, nothing is mapped.
/// </summary>
internal static class AllocationProbe
{
    public const string Variable = "GATEWAY_BENCH_PROBE";

    public const string Path = "/_bench/allocated";

    public const string TypesPath = "/_bench/allocated-types";

    public static WebApplication UseBenchAllocationProbe(this WebApplication app)
    {
        var setting = app.Configuration[Variable];
        if (setting is not ("1" or "types"))
        {
            return app;
        }

        if (setting == "types")
        {
            var sampler = new AllocationSampler();
            app.Lifetime.ApplicationStopped.Register(sampler.Dispose);
            app.MapWhen(context => context.Request.Path.Equals(TypesPath, StringComparison.Ordinal), probe => probe.Run(context =>
            {
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync(string.Join('\n', sampler.ByType.Select(pair => $"{pair.Value,14} {pair.Key}")));
            }));
        }

        app.MapWhen(context => context.Request.Path.Equals(Path, StringComparison.Ordinal), probe => probe.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));
        return app;
    }
}
