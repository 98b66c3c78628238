using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gateway.Tests.Infrastructure;

/// <summary>The real sample backend on Kestrel, on a free loopback port.</summary>
public sealed class SampleBackendServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleBackendServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<SampleBackendServer> StartAsync()
    {
        // No appsettings watcher: a test run starts many servers, and each watcher holds one of the few inotify instances.
        var app = SampleBackend.SampleApp.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production", "--hostBuilder:reloadConfigOnChange", "false"]);
        await app.StartAsync();
        return new SampleBackendServer(app, BoundAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.First());
    }
}
