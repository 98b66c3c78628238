// A backend that answers "ok" to every GET, with no logging: the cheapest destination Kestrel can be.
// Usage: BenchBackend --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
// The bytes allocated so far, read by the bench before and after each run.
app.MapGet("/_bench/allocated", () => GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture));
app.MapGet("/{**path}", () => "ok");
app.Run();
