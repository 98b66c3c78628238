using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.RequestPath.LongLived;

/// <summary>An open WebSocket ends when the token it was opened with expires: no refresh can reach it.</summary>
public sealed class WebSocketExpiryTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, clock: _clock);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task TokenExpires_ClosesTheSocket_NotBefore()
    {
        var (_, token) = await Api.SignUpAsync(_gateway);
        var expires = new DateTimeOffset(Api.Decode(token).ValidTo, TimeSpan.Zero);
        var (socket, _) = await Sockets.OpenAsync(_gateway, token);
        using var _ = socket;

        _clock.Advance(expires - _clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal("a minute before", await Sockets.RoundTripAsync(socket, "a minute before"));

        _clock.Advance(TimeSpan.FromMinutes(2));

        await Sockets.ClosedAsync(socket, "its token expired");
    }
}
