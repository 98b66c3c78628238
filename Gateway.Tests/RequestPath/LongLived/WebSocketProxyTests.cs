using System.Net;
using System.Net.WebSockets;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.LongLived;

/// <summary>WebSocket upgrades through the gateway to the sample backend's /ws/echo: authenticated like any request.</summary>
public sealed class WebSocketProxyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Upgrade_WithBearer_GreetsWithTheTokensUserIdAndEchoes()
    {
        var user = await fixture.SharedUserAsync();
        using var client = fixture.Gateway.CreateClient();
        var token = await TestUsers.LoginAsync(client, user.Username);

        var (socket, greeting) = await Sockets.OpenAsync(fixture.Gateway, token);
        using (socket)
        {
            Assert.Equal($"hello {user.Id}", greeting);
            Assert.Equal("ping 1", await Sockets.RoundTripAsync(socket, "ping 1"));
            Assert.Equal("ping 2", await Sockets.RoundTripAsync(socket, "ping 2"));
        }
    }

    [Fact]
    public async Task Upgrade_WithTokenCookie_GreetsWithTheTokensUserIdAndKeepsTheCookieFromTheBackend()
    {
        var user = await fixture.SharedUserAsync();
        var cookies = new CookieContainer();
        using var client = fixture.Gateway.CreateClient(cookies);
        await TestUsers.LoginAsync(client, user.Username);
        var token = TestUsers.TokenCookie(cookies, fixture.Gateway.Address);

        using var socket = Sockets.Client(("Cookie", $"theme=dark; gateway_token={token}"));
        await socket.ConnectAsync(Sockets.EchoUri(fixture.Gateway), CancellationToken.None);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        Assert.Equal($"hello {user.Id}", await Sockets.ReceiveAsync(socket));
        // The upgrade's response is a proxied response to a signed-in user like any other.
        Assert.Equal("private", Assert.Single(socket.HttpResponseHeaders!["Cache-Control"]));
    }

    [Fact]
    public async Task Upgrade_SpoofedIdentityHeaders_BackendGetsTheTokensUserId()
    {
        var user = await fixture.SharedUserAsync();
        using var client = fixture.Gateway.CreateClient();
        var token = await TestUsers.LoginAsync(client, user.Username);

        using var socket = Sockets.Client(("Authorization", $"Bearer {token}"), ("X-User-Id", "admin"), ("x_user_id", "admin"));
        await socket.ConnectAsync(Sockets.EchoUri(fixture.Gateway), CancellationToken.None);

        Assert.Equal($"hello {user.Id}", await Sockets.ReceiveAsync(socket));
    }

    [Fact]
    public async Task Upgrade_WithoutToken_Refused401AndNeverReachesTheBackend()
    {
        await using var backend = HangingBackend.Start();
        await using var gateway = await GatewayServer.StartAsync(backend.Address);

        using var socket = Sockets.Client();
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Sockets.EchoUri(gateway), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Equal(0, backend.Accepted);
    }

    [Fact]
    public async Task Upgrade_WithForgedToken_Refused401AndNeverReachesTheBackend()
    {
        await using var backend = HangingBackend.Start();
        await using var gateway = await GatewayServer.StartAsync(backend.Address);

        using var socket = Sockets.Client(("Authorization", "Bearer not.a-token.at-all"));
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Sockets.EchoUri(gateway), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Equal(0, backend.Accepted);
    }
}
