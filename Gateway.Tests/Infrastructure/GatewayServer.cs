using System.Net;
using System.Text.Json.Nodes;

using Gateway.Hosting;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway on Kestrel, on a free loopback port, with its own yarp.json and data folder in a temp directory.
/// Runs as Production, so it behaves as deployed: a configured key, no developer pages.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string Issuer = "auth-gateway";
    public const string Audience = "auth-gateway";

    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, Uri address, string directory, string configPath)
    {
        _app = app;
        Address = address;
        Directory = directory;
        ConfigPath = configPath;
    }

    public Uri Address { get; }

    /// <summary>The temp folder holding yarp.json and the data folder.</summary>
    public string Directory { get; }

    public string ConfigPath { get; }

    public string DataPath => Path.Combine(Directory, "data");

    public IServiceProvider Services => _app.Services;

    /// <param name="backend">Where the routes send requests; a closed port gives a dead backend.</param>
    /// <param name="settings">Extra settings as command-line pairs, e.g. ("Gateway:Jwt:Lifetime", "00:00:05").</param>
    /// <param name="routes">Extra or replacement routes, in YARP's schema.</param>
    /// <param name="directory">Reuse a folder (and so its data) from an earlier instance.</param>
    /// <param name="clock">The gateway's clock, e.g. a <see cref="ManualClock"/>; the system clock when null.</param>
    /// <param name="services">Registrations made before the gateway's own, so they replace them (a test double of a store).</param>
    public static async Task<GatewayServer> StartAsync(
        Uri backend,
        IEnumerable<(string Key, string Value)>? settings = null,
        JsonObject? routes = null,
        string? directory = null,
        TimeProvider? clock = null,
        Action<IServiceCollection>? services = null)
    {
        directory ??= TempFolder.Create("gateway");
        var configPath = Path.Combine(directory, "yarp.json");
        await File.WriteAllTextAsync(configPath, YarpJson(backend, routes).ToJsonString());

        List<string> args =
        [
            "--config", configPath,
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            // No appsettings watcher (yarp.json keeps its own): each holds one of the few inotify instances a user has.
            "--hostBuilder:reloadConfigOnChange", "false",
            "--Gateway:DataPath", Path.Combine(directory, "data"),
            "--Gateway:Jwt:SigningKey", SigningKey,
            "--Gateway:RateLimit:AttemptsPerMinute", "0",
            // The whole test run shares the cores: a low-priority hashing thread would starve behind it, and a hash that
            // waits long should still be computed rather than answered busy.
            "--Gateway:Users:LowPriorityHashing", "false",
            "--Gateway:Users:HashDeadline", "00:01:00",
            "--Serilog:MinimumLevel:Default", "Warning",
        ];
        foreach (var (key, value) in settings ?? [])
        {
            args.Add("--" + key);
            args.Add(value);
        }

        var app = GatewayApp.Build([.. args], registrations =>
        {
            if (clock is not null)
            {
                registrations.AddSingleton(clock);
            }

            services?.Invoke(registrations);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new GatewayServer(app, SampleBackendServer.BoundAddress(app), directory, configPath);
    }

    /// <summary>
    /// The default routes: "/" and "/public/**" anonymous, everything else protected; the gateway serves the host the
    /// tests connect to (127.0.0.1), as Production requires it to be listed.
    /// </summary>
    public static JsonObject YarpJson(Uri backend, JsonObject? routes = null) => new()
    {
        ["Gateway"] = new JsonObject { ["AllowedHosts"] = new JsonArray("127.0.0.1") },
        ["ReverseProxy"] = new JsonObject
        {
            ["Routes"] = routes ?? DefaultRoutes(),
            ["Clusters"] = new JsonObject
            {
                ["backend"] = new JsonObject
                {
                    ["Destinations"] = new JsonObject
                    {
                        ["one"] = new JsonObject { ["Address"] = backend.ToString() },
                    },
                },
            },
        },
    };

    public static JsonObject DefaultRoutes() => new()
    {
        ["home"] = Route("/", "anonymous"),
        ["public"] = Route("/public/{**rest}", "anonymous"),
        ["app"] = Route("{**catch-all}", policy: null),
    };

    public static JsonObject Route(string path, string? policy, string cluster = "backend")
    {
        var route = new JsonObject { ["ClusterId"] = cluster, ["Match"] = new JsonObject { ["Path"] = path } };
        if (policy is not null)
        {
            route["AuthorizationPolicy"] = policy;
        }

        return route;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see every hop.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
        })
        {
            BaseAddress = Address,
        };

    /// <summary>A client that sends exactly the Cookie header a test writes, with no jar of its own.</summary>
    public HttpClient CreateClientWithoutCookieJar() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
