using System.Net;
using System.Net.Http.Headers;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>A token the gateway has already validated (and so cached) is still refused once it is revoked.</summary>
public sealed class CachedTokenTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task CachedToken_AfterLogout_IsRejected()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, token, "/api/whoami")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, token, "/api/whoami")).StatusCode);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/auth/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, token, "/api/whoami")).StatusCode);
    }

    [Fact]
    public async Task CachedToken_AfterLogoutEverywhere_IsRejected()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var first = await TestUsers.LoginAsync(client, user.Username);
        var second = await TestUsers.LoginAsync(client, user.Username);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, first, "/api/whoami")).StatusCode);

        using var everywhere = new HttpRequestMessage(HttpMethod.Post, "/auth/logout?everywhere=true");
        everywhere.Headers.Authorization = new AuthenticationHeaderValue("Bearer", second);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(everywhere)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, first, "/api/whoami")).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
