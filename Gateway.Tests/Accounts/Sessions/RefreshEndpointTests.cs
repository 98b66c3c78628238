using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Sessions;

public sealed class RefreshEndpointTests : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;
    private SessionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await SessionGateway.StartAsync(_backend.Address);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Refresh_Bearer_Returns200WithNewTokenOfTheSameSessionAndNoCookie()
    {
        var token = await SignInAsync();
        _gateway.Clock.Advance(TimeSpan.FromMinutes(1));
        using var client = _gateway.Server.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Post("/auth/refresh").WithBearer(token).AsApi());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fresh = body.GetProperty("token").GetString()!;
        Assert.Equal(SessionGateway.Text(token, "sid"), SessionGateway.Text(fresh, "sid"));
        Assert.NotEqual(SessionGateway.Text(token, "jti"), SessionGateway.Text(fresh, "jti"));
        Assert.Equal(_gateway.Clock.Now + SessionGateway.Lifetime, body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, await GetAsync(fresh));
    }

    [Fact]
    public async Task Refresh_CookieWithJson_SetsTheCookie()
    {
        var cookies = new CookieContainer();
        using var client = _gateway.Server.CreateClient(cookies);
        var (_, first) = await SessionGateway.SignInAsync(client);
        _gateway.Clock.Advance(TimeSpan.FromMinutes(1));

        using var response = await client.PostAsJsonAsync("/auth/refresh", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(body.GetProperty("token").GetString(), TestUsers.TokenCookie(cookies, _gateway.Server.Address));
        Assert.NotEqual(first, body.GetProperty("token").GetString());
    }

    [Fact]
    public async Task Refresh_CookieWithoutScriptHeaderOrForm_Returns400()
    {
        using var client = _gateway.Server.CreateClient();
        await SessionGateway.SignInAsync(client);

        using var response = await client.SendAsync(Requests.Post("/auth/refresh").AsApi());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("script_required", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Refresh_AfterLogout_Returns401ForEarlierAndRefreshedTokens()
    {
        var token = await SignInAsync();
        var refreshed = await RefreshAsync(token);
        using var client = _gateway.Server.CreateClientWithoutCookieJar();
        using (var logout = await client.SendAsync(Requests.Post("/auth/logout").WithBearer(token).AsApi()))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var response = await client.SendAsync(Requests.Post("/auth/refresh").WithBearer(refreshed).AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(refreshed));
    }

    [Fact]
    public async Task Refresh_PastMaxLifetime_Returns401()
    {
        var token = await SignInAsync();
        var sessionEnd = SessionGateway.Claim(token, "auth_time") + (long)SessionGateway.MaxLifetime.TotalSeconds;
        while (_gateway.Clock.Now.ToUnixTimeSeconds() + 300 < sessionEnd)
        {
            _gateway.Clock.Advance(TimeSpan.FromMinutes(5));
            token = await RefreshAsync(token);
        }

        // The last token ends with the session: still valid in its last second, but not refreshed past it.
        Assert.Equal(sessionEnd, SessionGateway.Claim(token, "exp"));
        _gateway.Clock.Now = DateTimeOffset.FromUnixTimeSeconds(sessionEnd);
        using var client = _gateway.Server.CreateClientWithoutCookieJar();
        using var response = await client.SendAsync(Requests.Post("/auth/refresh").WithBearer(token).AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("session_ended", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task Refresh_Unauthenticated_Returns401Json()
    {
        using var client = _gateway.Server.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Post("/auth/refresh").AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    private async Task<string> SignInAsync()
    {
        using var client = _gateway.Server.CreateClient();
        return (await SessionGateway.SignInAsync(client)).Token;
    }

    private async Task<string> RefreshAsync(string token)
    {
        using var client = _gateway.Server.CreateClientWithoutCookieJar();
        using var response = await client.SendAsync(Requests.Post("/auth/refresh").WithBearer(token).AsApi());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpStatusCode> GetAsync(string token)
    {
        using var client = _gateway.Server.CreateClientWithoutCookieJar();
        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(token).AsApi());
        return response.StatusCode;
    }
}
