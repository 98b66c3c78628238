namespace Gateway.Diagnostics;

/// <summary>
/// Benchmark only: with GATEWAY_BENCH_PROBE=1, <c>GET /_bench/allocated</c> answers the bytes this process has
/// allocated so far (<see cref="GC.GetTotalAllocatedBytes"/>), ahead of every other middleware, so the bench can
/// divide the difference over a run by the requests it made. Unset, nothing is mapped.
/// </summary>
internal static class AllocationProbe
{
    public const string Variable = "GATEWAY_BENCH_PROBE";

    public const string Path = "/_bench/allocated";

    public static WebApplication UseBenchAllocationProbe(this WebApplication app)
    {
        if (app.Configuration[Variable] != "1")
        {
            return app;
        }

        app.MapWhen(context => context.Request.Path.Equals(Path, StringComparison.Ordinal), probe => probe.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));
        return app;
    }
}
