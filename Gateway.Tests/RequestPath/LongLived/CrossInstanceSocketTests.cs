using System.Net;

using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.RequestPath.LongLived;

/// <summary>Two gateway instances sharing one real Redis: a logout on one closes the session's socket on the other.</summary>
public sealed class CrossInstanceSocketTests(RedisFixture fixture) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private GatewayServer _a = null!;
    private GatewayServer _b = null!;

    public async Task InitializeAsync()
    {
        var settings = RedisFixture.Settings(fixture.Redis.Configuration, RedisFixture.NewPrefix());
        _a = await GatewayServer.StartAsync(fixture.Backend.Address, settings);
        _b = await GatewayServer.StartAsync(fixture.Backend.Address, settings, directory: _a.Directory);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task Logout_OnInstanceB_ClosesTheSocketOpenOnInstanceA()
    {
        var (user, token) = await Api.SignUpAsync(_a);
        var (socket, greeting) = await Sockets.OpenAsync(_a, token);
        using var _ = socket;
        Assert.Equal($"hello {user.Id}", greeting);

        using var logout = await Api.LogoutAsync(_b, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Sockets.ClosedAsync(socket, "the logout on the other instance");
    }

    [Fact]
    public async Task LogoutEverywhere_OnInstanceB_ClosesTheSocketOpenOnInstanceA()
    {
        var (user, token) = await Api.SignUpAsync(_a);
        using var client = _b.CreateClient();
        var other = await TestUsers.LoginAsync(client, user.Username);
        var (socket, _) = await Sockets.OpenAsync(_a, token);
        using var _ = socket;

        using var logout = await Api.LogoutAsync(_b, other, "?everywhere=true");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Sockets.ClosedAsync(socket, "logging out everywhere on the other instance");
    }
}
