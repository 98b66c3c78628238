using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;
using StackExchange.Redis;
using static Gateway.Tests.Accounts.AccountAttemptLimitTests;

namespace Gateway.Tests.Accounts;

/// <summary>The per-account limit counted in a real Redis, shared by instances, and surviving its outage.</summary>
public sealed class AccountAttemptLimitRedisTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private const string Wrong = "not the password";

    private readonly string _prefix = RedisFixture.NewPrefix();

    [Fact]
    public async Task TwoInstances_SharingRedis_CountTogether()
    {
        var settings = RedisFixture.Settings(fixture.Redis.Configuration, _prefix);
        await using var a = await GatewayServer.StartAsync(fixture.Backend.Address, settings);
        await using var b = await GatewayServer.StartAsync(fixture.Backend.Address, settings);
        using var onA = a.CreateClient();
        using var onB = b.CreateClient();

        // Each instance has its own user store here: the same account registered on both.
        var username = TestUsers.UniqueName();
        await TestUsers.RegisterAsync(onA, username);
        await TestUsers.RegisterAsync(onB, username);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(onA, username, Wrong));
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(onB, username, Wrong));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginStatusAsync(onA, username, TestUsers.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginStatusAsync(onB, username, TestUsers.Password));
    }

    [Fact]
    public async Task Script_WindowSetAtTheFirstFailureOnly_KeyHoldsNoUsername_RetryAfterFromItsTtl()
    {
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address,
            RedisFixture.Settings(fixture.Redis.Configuration, _prefix, ("Gateway:RateLimit:FailuresPerAccount", "2")));
        using var client = gateway.CreateClient();
        var username = TestUsers.UniqueName("Alice");
        var redis = fixture.Inspector.GetDatabase();
        var key = (RedisKey)(_prefix + "attempts:" + Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes("login:" + username.ToLowerInvariant()))));

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, username, Wrong));

        Assert.Equal(1, (long)await redis.StringGetAsync(key));
        Assert.InRange((await redis.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var all = fixture.Inspector.GetServers().Single().Keys(pattern: _prefix + "attempts:*").Select(k => k.ToString()).ToList();
        Assert.Equal([key.ToString()], all);
        Assert.DoesNotContain(all, k => k.Contains(username, StringComparison.OrdinalIgnoreCase));

        // A later failure leaves the window where it was.
        Assert.True(await redis.KeyExpireAsync(key, TimeSpan.FromSeconds(100)));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, username, Wrong));
        Assert.Equal(2, (long)await redis.StringGetAsync(key));
        Assert.InRange((await redis.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));

        using var refused = await LoginAsync(client, username, Wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(100));

        // The window over (Redis expired the key): checked again.
        Assert.True(await redis.KeyDeleteAsync(key));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, username, Wrong));
    }

    [Fact]
    public async Task Login_Succeeded_KeyDeleted()
    {
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address,
            RedisFixture.Settings(fixture.Redis.Configuration, _prefix));
        using var client = gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, user.Username, Wrong));
        Assert.Single(fixture.Inspector.GetServers().Single().Keys(pattern: _prefix + "attempts:*"));

        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(client, user.Username, TestUsers.Password));

        Assert.Empty(fixture.Inspector.GetServers().Single().Keys(pattern: _prefix + "attempts:*"));
    }

    [Fact]
    public async Task RedisStopped_LoginsGoOnAndCountLocally_WarnedOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        var log = GatewayLog.Create();
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address,
            [.. RedisFixture.Settings(redis.Configuration, _prefix, ("Gateway:RateLimit:FailuresPerAccount", "3")), .. log.Settings]);
        using var client = gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, user.Username, Wrong));

        await redis.StopAsync();

        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(client, user.Username, TestUsers.Password));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, user.Username, Wrong));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginStatusAsync(client, user.Username, TestUsers.Password));
        Assert.Single(log.Since(0), e => GatewayLog.Message(e).Contains("counted on this instance only", StringComparison.Ordinal));
    }
}
