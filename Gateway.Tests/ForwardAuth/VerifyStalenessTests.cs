using System.Net;

using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.ForwardAuth;

/// <summary>
/// Fail closed (Gateway:Redis:MaxStaleness) holds for forward-auth too: /auth/verify is anonymous like the sign-in pages,
/// but it lets requests through, so a stale revocation view must pause it like a protected route.
/// </summary>
public sealed class VerifyStalenessTests : IAsyncLifetime
{
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
    public async Task Verify_RedisNeverReachedWithMaxStaleness_Answers503()
    {
        await _redis.StopAsync();
        var settings = RedisFixture.Settings(_redis.Configuration + ",connectTimeout=500", RedisFixture.NewPrefix(),
            ("Gateway:Redis:MaxStaleness", "00:05:00"));
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, settings);
        var (_, token) = await Api.SignUpAsync(gateway);
        using var client = gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/auth/verify").AsApi().WithBearer(token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("revocation_unavailable", await response.ErrorCodeAsync());
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        Assert.False(response.Headers.Contains("X-User-Id"));
    }
}
