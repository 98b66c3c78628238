using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A backend that streams, on Kestrel at a free loopback port: GET /events answers <c>text/event-stream</c>, sends one
/// event naming the user it was told about (<c>data: hello USER-ID</c>), then keeps the stream open until the client
/// or the gateway ends the request. Anything else is an ordinary 200.
/// </summary>
public sealed class StreamingBackend : IAsyncDisposable
{
    public const string EventsPath = "/events";

    private readonly WebApplication _app;
    private int _open;

    private StreamingBackend(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Event streams the backend is still sending on: its side ends when the proxy cancels the request.</summary>
    public int OpenStreams => Volatile.Read(ref _open);

    public static async Task<StreamingBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--hostBuilder:reloadConfigOnChange", "false"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new StreamingBackend(app);
        app.MapGet(EventsPath, backend.StreamAsync);
        app.MapGet("/{**path}", () => "ok");
        await app.StartAsync();
        backend.Address = SampleBackendServer.BoundAddress(app);
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task StreamAsync(HttpContext context)
    {
        Interlocked.Increment(ref _open);
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsync($"data: hello {context.Request.Headers["X-User-Id"]}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The proxy ended the request.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
