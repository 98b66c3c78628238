using Gateway.Tests.Infrastructure;
using StackExchange.Redis;

namespace Gateway.Tests.Revocation;

/// <summary>One real redis-server and one sample backend, shared by the tests of a class; each test uses its own key prefix.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public SampleBackendServer Backend { get; private set; } = null!;

    /// <summary>The tests' own view into Redis, to inspect keys and TTLs.</summary>
    public ConnectionMultiplexer Inspector { get; private set; } = null!;

    public static string NewPrefix() => $"t{Guid.NewGuid():N}"[..13] + ":";

    /// <summary>Gateway settings for Redis at <paramref name="configuration"/>, under <paramref name="prefix"/>.</summary>
    public static List<(string, string)> Settings(string configuration, string prefix, params (string, string)[] more) =>
    [
        ("Gateway:Redis:Configuration", configuration),
        ("Gateway:Redis:KeyPrefix", prefix),
        .. more,
    ];

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Backend = await SampleBackendServer.StartAsync();
        Inspector = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration + ",allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await Inspector.DisposeAsync();
        await Backend.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
