using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Gateway.Tests.Revocation;

/// <summary>Redis going away and coming back, with a real redis-server per test that the test kills and restarts.</summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    // StackExchange.Redis retries with a backoff; this bounds how long the tests wait for it, not how long it takes.
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(30);

    private readonly string _prefix = RedisFixture.NewPrefix();
    private RedisServer _redis = null!;
    private SampleBackendServer _backend = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _backend = await SampleBackendServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisStopped_ProxyingContinuesAndLogoutsAreEnforced_WrittenToRedisOnceItIsBack()
    {
        var settings = RedisFixture.Settings(_redis.Configuration, _prefix);
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, settings);
        var (user, kept) = await Api.SignUpAsync(gateway);
        using var client = gateway.CreateClient();
        var before = await TestUsers.LoginAsync(client, user.Username);
        var during = await TestUsers.LoginAsync(client, user.Username);
        var (other, otherToken) = await Api.SignUpAsync(gateway);
        using (var logout = await Api.LogoutAsync(gateway, before))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        await _redis.StopAsync();
        await Eventually.TrueAsync(async () => await StatusAsync(gateway) == "Degraded", Reconnect,
            "/readyz reports Degraded once Redis is gone");

        Assert.True(await Api.IsAcceptedAsync(gateway, kept), "proxying goes on from the local view");
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(gateway, before));
        using (var logout = await Api.LogoutAsync(gateway, during))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using (var everywhere = await Api.LogoutAsync(gateway, otherToken, "?everywhere=true"))
        {
            Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(gateway, during));
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(gateway, otherToken));
        var (readyStatus, ready) = await Api.ReadyAsync(gateway);
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        var check = ready.GetProperty("checks").GetProperty("redis");
        // The logout's session; the everywhere's own session (ended first, whatever follows) and its user's cut-off.
        Assert.Equal(3, check.GetProperty("data").GetProperty("queuedWrites").GetInt32());
        Assert.False(check.GetProperty("data").GetProperty("connected").GetBoolean());
        output.WriteLine($"/readyz during the outage: {check.GetProperty("description").GetString()}");

        // Back empty (no persistence): the queued logouts arrive, and so does the one Redis lost.
        await _redis.StartAgainAsync();
        await using var inspector = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var redis = inspector.GetDatabase();
        var took = await Eventually.TrueAsync(
            async () => await redis.KeyExistsAsync($"{_prefix}revoked:sid:{Api.SessionId(during)}")
                && await redis.KeyExistsAsync($"{_prefix}revoked:user:{other.Id}")
                && await redis.KeyExistsAsync($"{_prefix}revoked:sid:{Api.SessionId(before)}"),
            Reconnect, "the logouts made during and before the outage are in Redis once it is back");
        output.WriteLine($"The revocations were back in Redis {took.TotalMilliseconds:0} ms after it restarted.");
        await Eventually.TrueAsync(async () => await StatusAsync(gateway) == "Healthy", Reconnect,
            "/readyz reports Healthy again");

        // Its own data folder: only Redis can tell this instance about those logouts.
        await using var fresh = await GatewayServer.StartAsync(_backend.Address, settings);
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(fresh, during));
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(fresh, before));
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(fresh, otherToken));
        Assert.True(await Api.IsAcceptedAsync(fresh, kept), "a token nobody revoked still works on the new instance");
    }

    [Fact]
    public async Task Startup_RedisUnreachable_StartsDegradedWithLiveHealthzAndWorkingLogout()
    {
        await _redis.StopAsync();
        var settings = RedisFixture.Settings(_redis.Configuration + ",connectTimeout=500", _prefix);

        await using var gateway = await GatewayServer.StartAsync(_backend.Address, settings);

        var (status, ready) = await Api.ReadyAsync(gateway);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        var description = ready.GetProperty("checks").GetProperty("redis").GetProperty("description").GetString();
        Assert.Contains("Out of sync with Redis", description, StringComparison.Ordinal);
        using var client = gateway.CreateClient();
        using (var live = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        var (_, token) = await Api.SignUpAsync(gateway);
        Assert.True(await Api.IsAcceptedAsync(gateway, token), "fail open by default: the protected route serves");
        using var logout = await Api.LogoutAsync(gateway, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(gateway, token));
    }

    [Fact]
    public async Task MaxStaleness_RedisAwayLongerThanLimit_ProtectedRoutesAnswer503UntilItIsBack()
    {
        var settings = RedisFixture.Settings(_redis.Configuration, _prefix, ("Gateway:Redis:MaxStaleness", "00:00:01"));
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, settings);
        var (_, token) = await Api.SignUpAsync(gateway);
        Assert.True(await Api.IsAcceptedAsync(gateway, token), "in sync: the protected route serves");

        await _redis.StopAsync();
        await Eventually.TrueAsync(
            async () => await Api.GetAsync(gateway, token) == HttpStatusCode.ServiceUnavailable, Reconnect,
            "the protected route answers 503 once the view is older than MaxStaleness");

        using var client = gateway.CreateClient();
        using (var api = await SendAsync(client, Api.ProtectedPath, token, "application/json"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            var body = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("revocation_unavailable", body.GetProperty("error").GetString());
        }

        using (var page = await SendAsync(client, "/hello", token, "text/html"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        using (var home = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        using (var login = await client.GetAsync("/auth/login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var (readyStatus, ready) = await Api.ReadyAsync(gateway);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("Unhealthy", ready.GetProperty("status").GetString());

        await _redis.StartAgainAsync();
        await Eventually.TrueAsync(async () => await Api.IsAcceptedAsync(gateway, token), Reconnect,
            "the protected route serves again once Redis is back");
    }

    [Fact]
    public async Task MaxStaleness_RedisNeverReached_ProtectedRoutesAnswer503FromStart()
    {
        await _redis.StopAsync();
        var settings = RedisFixture.Settings(_redis.Configuration + ",connectTimeout=500", _prefix,
            ("Gateway:Redis:MaxStaleness", "00:05:00"));
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, settings);

        var (_, token) = await Api.SignUpAsync(gateway);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Api.GetAsync(gateway, token));
    }

    private static async Task<string?> StatusAsync(GatewayServer gateway) =>
        (await Api.ReadyAsync(gateway)).Body.GetProperty("status").GetString();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string token, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }
}
