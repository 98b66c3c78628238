using System.Net;
using System.Net.Http.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting.TrustedProxies;

/// <summary>
/// The tests connect from 127.0.0.1: configured as a known proxy, that address plays the load balancer; unconfigured, it
/// is a client sending made-up X-Forwarded-* headers. Two login posts per address per minute, so the third shows
/// which bucket an attempt landed in.
/// </summary>
public sealed class TrustedProxyTests : IAsyncLifetime
{
    private static readonly (string, string) TwoPerMinute = ("Gateway:RateLimit:AttemptsPerMinute", "2");
    private static readonly (string, string) LoopbackTrusted = ("Gateway:ForwardedHeaders:KnownProxies:0", "127.0.0.1");

    private SampleBackendServer _backend = null!;

    public async Task InitializeAsync() => _backend = await SampleBackendServer.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task TrustedPeer_LoginLimit_BucketsPerForwardedClient()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [TwoPerMinute, LoopbackTrusted]);
        using var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(client, "203.0.113.1"));

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "203.0.113.2"));
    }

    [Fact]
    public async Task TrustedPeer_SpoofedEntriesLeftOfTheClient_SameBucket()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [TwoPerMinute, LoopbackTrusted]);
        using var client = gateway.CreateClient();

        // The load balancer appended the address it saw; whatever the client wrote before it proves nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "198.51.100.1, 203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "198.51.100.2, 203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(client, "198.51.100.3, 203.0.113.5"));
    }

    [Fact]
    public async Task TrustedPeer_ChainOfTrustedProxies_WalkedPastToTheClient()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address,
            [LoopbackTrusted, ("Gateway:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8")]);
        using var client = gateway.CreateClient();

        var echoed = await EchoFromAsync(client, "198.51.100.1, 203.0.113.9, 10.1.2.3", proto: null);

        Assert.Equal("203.0.113.9", echoed.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task TrustedPeer_Backend_GetsTheClientAndItsScheme()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [LoopbackTrusted]);
        using var client = gateway.CreateClient();

        var echoed = await EchoFromAsync(client, "198.51.100.1, 203.0.113.7", proto: "https");

        Assert.Equal("203.0.113.7", echoed.Header("X-Forwarded-For"));
        Assert.Equal("https", echoed.Header("X-Forwarded-Proto"));
    }

    [Fact]
    public async Task TrustedPeer_ForwardedHttps_TokenCookieSecure()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [LoopbackTrusted]);
        using var client = gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        using var response = await LoginAsync(client, user.Username, TestUsers.Password, "203.0.113.7", proto: "https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("secure", SetCookies.Attributes(SetCookies.Find(response, "gateway_token")!));
    }

    [Fact]
    public async Task UntrustedPeer_SpoofedForwardedFor_SameBucket()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [TwoPerMinute]);
        using var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(client, "203.0.113.3"));
    }

    [Fact]
    public async Task UntrustedPeer_SpoofedForwardedHeaders_ReplacedForTheBackend()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address);
        using var client = gateway.CreateClient();

        var echoed = await EchoFromAsync(client, "203.0.113.7", proto: "https");

        Assert.Equal("127.0.0.1", echoed.Header("X-Forwarded-For"));
        Assert.Equal("http", echoed.Header("X-Forwarded-Proto"));
    }

    [Fact]
    public async Task UntrustedPeer_SpoofedHttps_TokenCookieNotSecure()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address);
        using var client = gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        using var response = await LoginAsync(client, user.Username, TestUsers.Password, "203.0.113.7", proto: "https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("secure", SetCookies.Attributes(SetCookies.Find(response, "gateway_token")!));
    }

    [Fact]
    public async Task TrustedPeer_IPv6ClientsOfOneSlash64_ShareABucket()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [TwoPerMinute, LoopbackTrusted]);
        using var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "2001:db8:1:2::1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "2001:db8:1:2:ffff:ffff:ffff:fffe"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginFromAsync(client, "[2001:db8:1:2::77]:4711"));

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginFromAsync(client, "2001:db8:1:3::1"));
    }

    [Theory]
    [InlineData(true, "203.0.113.7")]
    [InlineData(false, "127.0.0.1")]
    public async Task RequestLog_NamesTheForwardedClientOnlyFromATrustedPeer(bool trusted, string logged)
    {
        var log = GatewayLog.Create();
        await using var gateway = await GatewayServer.StartAsync(_backend.Address,
            [.. log.Settings, ("Serilog:MinimumLevel:Default", "Information"), .. (trusted ? [LoopbackTrusted] : Array.Empty<(string, string)>())]);
        using var client = gateway.CreateClient();

        await EchoFromAsync(client, "203.0.113.7", proto: null);

        string? line = null;
        await Eventually.TrueAsync(() =>
        {
            line = log.Since(0).Select(GatewayLog.Message)
                .FirstOrDefault(m => m.StartsWith("HTTP GET /public/echo responded ", StringComparison.Ordinal));
            return Task.FromResult(line is not null);
        }, TimeSpan.FromSeconds(20), "the gateway logs the request line");
        Assert.Contains($" from {logged} trace ", line, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> LoginFromAsync(HttpClient client, string forwardedFor)
    {
        using var response = await LoginAsync(client, TestUsers.UniqueName("nobody"), "wrong password", forwardedFor, proto: null);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> LoginAsync(
        HttpClient client, string username, string password, string forwardedFor, string? proto)
    {
        var request = Requests.Post("/auth/login", JsonContent.Create(new { username, password }))
            .AsApi()
            .WithHeader("X-Forwarded-For", forwardedFor);
        if (proto is not null)
        {
            request.WithHeader("X-Forwarded-Proto", proto);
        }

        return client.SendAsync(request);
    }

    private static async Task<EchoedRequest> EchoFromAsync(HttpClient client, string forwardedFor, string? proto)
    {
        using var request = Requests.Get("/public/echo").WithHeader("X-Forwarded-For", forwardedFor);
        if (proto is not null)
        {
            request.WithHeader("X-Forwarded-Proto", proto);
        }

        using var response = await client.SendAsync(request);
        return await EchoedRequest.ReadAsync(response);
    }
}
