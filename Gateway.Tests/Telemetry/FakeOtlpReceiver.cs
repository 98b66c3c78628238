using System.Collections.Concurrent;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Telemetry;

/// <summary>An OTLP/HTTP collector on loopback that keeps the body of every trace export (protobuf, unparsed).</summary>
internal sealed class FakeOtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOtlpReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<byte[]> TraceExports { get; } = new();

    public static async Task<FakeOtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeOtlpReceiver? receiver = null;
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver!.TraceExports.Enqueue(body.ToArray());
            return Results.Ok();
        });
        await app.StartAsync();
        receiver = new FakeOtlpReceiver(app, SampleBackendServer.BoundAddress(app));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
