using System.Net;

using Gateway.RequestPath.LongLived;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.RequestPath.LongLived;

/// <summary>An event stream (text/event-stream) ends with its session: at a logout, and when its token expires.</summary>
public sealed class EventStreamSessionEndTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private StreamingBackend _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await StreamingBackend.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, clock: _clock);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Logout_OfTheStreamsSession_EndsTheStreamAtBothEnds()
    {
        var (user, token) = await Api.SignUpAsync(_gateway);
        using var client = _gateway.CreateClientWithoutCookieJar();
        var (response, body, first) = await EventStreams.OpenAsync(client, token);
        using var _ = response;
        Assert.Equal($"data: hello {user.Id}", first);

        using var logout = await Api.LogoutAsync(_gateway, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await EventStreams.EndedAsync(body, "the logout");
        await Eventually.TrueAsync(() => Task.FromResult(_backend.OpenStreams == 0), TimeSpan.FromSeconds(10),
            "the backend stops sending on the logged-out session's stream");
        await Eventually.TrueAsync(() => Task.FromResult(_gateway.Services.GetRequiredService<OpenConnections>().Count == 0),
            TimeSpan.FromSeconds(10), "the gateway forgets the ended stream");
    }

    [Fact]
    public async Task TokenExpires_EndsTheStream_NotBefore()
    {
        var (_, token) = await Api.SignUpAsync(_gateway);
        var expires = new DateTimeOffset(Api.Decode(token).ValidTo, TimeSpan.Zero);
        using var client = _gateway.CreateClientWithoutCookieJar();
        var (response, body, _) = await EventStreams.OpenAsync(client, token);
        using var __ = response;

        _clock.Advance(expires - _clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal(1, _gateway.Services.GetRequiredService<OpenConnections>().Count);
        Assert.Equal(1, _backend.OpenStreams);

        // Past exp and the clock skew (5 s), a request with the token would be refused: so is the stream.
        _clock.Advance(TimeSpan.FromMinutes(2));

        await EventStreams.EndedAsync(body, "its token expired");
        await Eventually.TrueAsync(() => Task.FromResult(_backend.OpenStreams == 0), TimeSpan.FromSeconds(10),
            "the backend stops sending on the expired token's stream");
    }

    [Fact]
    public async Task OrdinaryResponse_IsNotTracked()
    {
        var (_, token) = await Api.SignUpAsync(_gateway);

        Assert.Equal(HttpStatusCode.OK, await Api.GetAsync(_gateway, token, "/anything"));

        Assert.Equal(0, _gateway.Services.GetRequiredService<OpenConnections>().Count);
    }
}
