using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Accounts.SignIn;

public sealed class MeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    [Fact]
    public async Task Me_WithBearer_ReturnsTheCallersAccount()
    {
        var user = await fixture.SharedUserAsync();
        using var client = Gateway.CreateClient();
        var token = await TestUsers.LoginAsync(client, user.Username);
        using var api = Gateway.CreateClientWithoutCookieJar();

        using var response = await api.SendAsync(Requests.Get("/auth/me").WithBearer(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        Assert.Equal(user.Id, body.GetProperty("id").GetString());
        Assert.Equal(user.Username, body.GetProperty("username").GetString());
        Assert.Equal("Shared User", body.GetProperty("displayName").GetString());
        Assert.Equal(new JsonWebToken(token).ValidTo, body.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public async Task Me_WithCookie_ReturnsTheCallersAccount()
    {
        using var client = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);

        var body = await (await client.GetAsync("/auth/me")).JsonAsync();

        Assert.Equal(user.Id, body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Me_Anonymous_Returns401JsonEvenForBrowsers()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/auth/me").AsBrowser());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Me_TokenForUnknownUser_Returns401()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/auth/me").WithBearer(TestTokens.Valid("no-such-user")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
