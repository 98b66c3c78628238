using System.Net;

using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>"Log out everywhere" (and a password change) ends sessions by when they signed in, not by their latest token.</summary>
public sealed class SessionCutOffTests : IAsyncLifetime
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
    public async Task LogoutEverywhere_RefreshedCookieSession_IsEnded()
    {
        var cookies = new CookieContainer();
        using var browser = _gateway.Server.CreateClient(cookies);
        var (_, first) = await SessionGateway.SignInAsync(browser);
        _gateway.Clock.Advance(SessionGateway.Lifetime * 0.6);
        using (var used = await browser.GetAsync("/api/whoami"))
        {
            Assert.NotEqual(first, TestUsers.TokenCookie(cookies, _gateway.Server.Address));
        }

        await LogOutEverywhereAsync(first);
        using var response = await browser.SendAsync(Requests.Get("/api/whoami").AsBrowser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
    }

    [Fact]
    public async Task LogoutEverywhere_TokenOfOldSessionIssuedAfterTheCutOff_IsRefused()
    {
        using var browser = _gateway.Server.CreateClient();
        var (user, first) = await SessionGateway.SignInAsync(browser);
        await LogOutEverywhereAsync(first);

        // What another instance that had not yet heard of the cut-off could have issued: a later iat, the old auth_time.
        _gateway.Clock.Advance(TimeSpan.FromSeconds(3));
        var stored = await _gateway.Server.Services.GetRequiredService<IUserStore>().FindByIdAsync(user.Id, CancellationToken.None);
        var authTime = DateTimeOffset.FromUnixTimeSeconds(SessionGateway.Claim(first, "auth_time"));
        var session = new Session(SessionGateway.Text(first, "sid"), authTime, Remembered: false, authTime + SessionGateway.MaxLifetime);
        var late = _gateway.Server.Services.GetRequiredService<TokenIssuer>().Issue(stored!, session);
        Assert.True(SessionGateway.Claim(late.Value, "iat") > _gateway.Clock.Now.ToUnixTimeSeconds() - 2);
        using var client = _gateway.Server.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(late.Value).AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task LogoutEverywhere_SignInAfterwards_StartsASessionThatWorks()
    {
        using var browser = _gateway.Server.CreateClient();
        var (user, first) = await SessionGateway.SignInAsync(browser);
        await LogOutEverywhereAsync(first);

        var token = await TestUsers.LoginAsync(browser, user.Username);
        _gateway.Clock.Advance(SessionGateway.Lifetime * 0.6);
        using var response = await browser.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(SessionGateway.Text(first, "sid"), SessionGateway.Text(token, "sid"));
    }

    private async Task LogOutEverywhereAsync(string token)
    {
        using var client = _gateway.Server.CreateClientWithoutCookieJar();
        using var logout = await client.SendAsync(Requests.Post("/auth/logout?everywhere=true").WithBearer(token).AsApi());
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
    }
}
