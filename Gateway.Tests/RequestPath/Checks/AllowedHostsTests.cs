using System.Text.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Checks;

/// <summary>
/// A Host the operator did not list is refused before anything else happens, so it never reaches a backend as
/// X-Forwarded-Host (password-reset links and cache keys built from it would point at an attacker's host).
/// Sent over a raw socket, since HttpClient derives Host from the address.
/// </summary>
public sealed class AllowedHostsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayServer.StartAsync(fixture.Backend.Address,
        [("Gateway:AllowedHosts:0", "app.example"), ("Gateway:AllowedHosts:1", "*.apps.example"), ("Gateway:AllowedHosts:2", "127.0.0.1")]);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("evil.example")]
    [InlineData("app.example.evil.example")]
    [InlineData("apps.example")]
    [InlineData("localhost")]
    public async Task UnlistedHost_Returns400AndNeverReachesBackend(string host)
    {
        var response = await RawHttp.SendAsync(_gateway.Address, "GET", "/public/page", $"Host: {host}", "Accept: application/json");

        Assert.Equal(400, response.StatusCode);
        var body = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal("unknown_host", body.GetProperty("error").GetString());
        Assert.Contains("Gateway:AllowedHosts", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("X-Forwarded-Host", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.example")]
    [InlineData("APP.example:8443")]
    [InlineData("one.apps.example")]
    [InlineData("two.levels.apps.example")]
    [InlineData("127.0.0.1")]
    public async Task ListedHost_IsProxiedWithThatHost(string host)
    {
        var response = await RawHttp.SendAsync(_gateway.Address, "GET", "/public/page", $"Host: {host}");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal([host], EchoedRequest.Parse(response.Body).ValuesAsBackendsSeeThem("X-Forwarded-Host"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpoint_ProbedByAnyHost_Answers(string path)
    {
        var response = await RawHttp.SendAsync(_gateway.Address, "GET", path, "Host: 10.1.2.3:8080");

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task UnlistedHost_Browser_GetsThePage()
    {
        var response = await RawHttp.SendAsync(_gateway.Address, "GET", "/", "Host: evil.example", "Accept: text/html");

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("does not serve", response.Body, StringComparison.Ordinal);
    }
}
