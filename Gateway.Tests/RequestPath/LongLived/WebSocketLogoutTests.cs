using System.Net;

using Gateway.RequestPath.LongLived;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.RequestPath.LongLived;

/// <summary>Gateway:WebSockets:CloseOnLogout: a logged-out session keeps no live channel to the backend.</summary>
public sealed class WebSocketLogoutTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Logout_OfTheSocketsSession_ClosesTheSocket()
    {
        var (_, token) = await Api.SignUpAsync(fixture.Gateway);
        var (socket, _) = await Sockets.OpenAsync(fixture.Gateway, token);
        using var _ = socket;

        using var logout = await Api.LogoutAsync(fixture.Gateway, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Sockets.ClosedAsync(socket, "the logout");
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Gateway.Services.GetRequiredService<OpenConnections>().Count == 0),
            TimeSpan.FromSeconds(10), "the gateway forgets the closed socket");
    }

    [Fact]
    public async Task LogoutEverywhere_FromAnotherSession_ClosesTheSocket()
    {
        var (user, token) = await Api.SignUpAsync(fixture.Gateway);
        using var client = fixture.Gateway.CreateClient();
        var other = await TestUsers.LoginAsync(client, user.Username);
        var (socket, _) = await Sockets.OpenAsync(fixture.Gateway, token);
        using var _ = socket;

        using var logout = await Api.LogoutAsync(fixture.Gateway, other, "?everywhere=true");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Sockets.ClosedAsync(socket, "logging out everywhere");
    }

    [Fact]
    public async Task Logout_OfAnotherSession_LeavesTheSocketOpen()
    {
        var (user, token) = await Api.SignUpAsync(fixture.Gateway);
        using var client = fixture.Gateway.CreateClient();
        var other = await TestUsers.LoginAsync(client, user.Username);
        var (socket, _) = await Sockets.OpenAsync(fixture.Gateway, token);
        using var _ = socket;
        var (closing, _) = await Sockets.OpenAsync(fixture.Gateway, other);
        using var __ = closing;

        using var logout = await Api.LogoutAsync(fixture.Gateway, other);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        // Once the logged-out session's socket is closed, the scan that closed it has passed over this one.
        await Sockets.ClosedAsync(closing, "the logout of its session");
        Assert.Equal("still here", await Sockets.RoundTripAsync(socket, "still here"));
    }

    [Fact]
    public async Task Logout_CloseOnLogoutOff_SocketStaysOpen()
    {
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address, [("Gateway:WebSockets:CloseOnLogout", "false")]);
        var (_, token) = await Api.SignUpAsync(gateway);
        var (socket, _) = await Sockets.OpenAsync(gateway, token);
        using var _ = socket;

        using var logout = await Api.LogoutAsync(gateway, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(gateway, token));

        Assert.Equal("after the logout", await Sockets.RoundTripAsync(socket, "after the logout"));
        Assert.Equal(0, gateway.Services.GetRequiredService<OpenConnections>().Count);
    }
}
