using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>Gateway:Jwt:ClockSkew is the only tolerance: with it set to zero, a token is refused the second it expires.</summary>
public sealed class ClockSkewTests : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, [("Gateway:Jwt:ClockSkew", "00:00:00")]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Token_ExpiredOneSecondAgoWithZeroSkew_IsRejectedAsExpired()
    {
        var token = TestTokens.Expired(TimeSpan.FromSeconds(1));
        using var client = _gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token_expired", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Token_UnexpiredWithZeroSkew_IsAccepted()
    {
        using var client = _gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Valid("skew-user")));

        Assert.Equal("skew-user", (await EchoedRequest.ReadAsync(response)).Header("X-User-Id"));
    }
}
