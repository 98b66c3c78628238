// Bare YARP: the gateway's routes with no authentication, no transforms and no request logging,
// so the benchmark can tell what the gateway adds on top of the proxy itself.
// Usage: BareYarp --config yarp.json --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (builder.Configuration["config"] is { Length: > 0 } configFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
}

builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
// The bytes allocated so far, read by the bench before and after each run (the gateway's GATEWAY_BENCH_PROBE twin).
app.MapWhen(context => context.Request.Path.Equals("/_bench/allocated", StringComparison.Ordinal), probe => probe.Run(context =>
    context.Response.WriteAsync(GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture))));
app.MapReverseProxy();
app.Run();
