using System.Net;
using System.Net.Http.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts;

public sealed class AuthRateLimitingTests : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, [("Gateway:RateLimit:AttemptsPerMinute", "2")]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task LoginPosts_OverTheLimit_Get429WithRetryAfter()
    {
        using var client = _gateway.CreateClient();
        var attempt = new { username = "guess", password = "wrong password" };

        using var first = await client.PostAsJsonAsync("/auth/login", attempt);
        using var second = await client.PostAsJsonAsync("/auth/login", attempt);
        using var third = await client.PostAsJsonAsync("/auth/login", attempt);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal("too_many_attempts", await third.ErrorCodeAsync());
    }

    [Fact]
    public async Task RegisterPosts_TakenNames_CountAgainstTheAddress()
    {
        using var client = _gateway.CreateClient();
        var attempt = new { username = TestUsers.UniqueName(), password = TestUsers.Password };

        using var created = await client.PostAsJsonAsync("/auth/register", attempt);
        using var taken = await client.PostAsJsonAsync("/auth/register", attempt);
        using var refused = await client.PostAsJsonAsync("/auth/register", attempt);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("too_many_attempts", await refused.ErrorCodeAsync());
    }
}
