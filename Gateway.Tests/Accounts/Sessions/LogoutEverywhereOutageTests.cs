using System.Net;

using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>
/// "Log out everywhere" while the user store cannot be reached: the cut-off cannot be stored, so the other sessions
/// cannot end, and the answer says so (503); but the session that asked ends anyway, on every instance, with its
/// cookies: whoever pressed the button on a shared computer walks away signed out.
/// </summary>
public sealed class LogoutEverywhereOutageTests : IAsyncLifetime
{
    private readonly UnreachableUserStore _store = new();
    private SampleBackendServer _backend = null!;
    private SessionGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await SessionGateway.StartAsync(_backend.Address, services => services.AddSingleton<IUserStore>(_store));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Bearer_StoreDown_Answers503AndEndsThisSession()
    {
        using var client = _gateway.Server.CreateClientWithoutCookieJar();
        var (_, token) = await SessionGateway.SignInAsync(client);
        _store.Down = true;

        using var response = await client.SendAsync(Requests.Post("/auth/logout?everywhere=true").WithBearer(token).AsApi());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("store_unavailable", await response.ErrorCodeAsync());
        Assert.NotNull(response.Headers.RetryAfter);
        using var after = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(token).AsApi());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Form_StoreDown_Answers503PageDeletesTheCookiesAndEndsTheRememberedSession()
    {
        var cookies = new CookieContainer();
        using var browser = _gateway.Server.CreateClient(cookies);
        var (_, token) = await SessionGateway.SignInAsync(browser, rememberMe: true);
        var credential = cookies.GetCookies(_gateway.Server.Address)["gateway_session"]!.Value;
        var antiforgery = await Forms.AntiforgeryTokenAsync(browser, "/auth/account");
        _store.Down = true;

        using var response = await Forms.PostWithTokenAsync(browser, "/auth/logout?everywhere=true", antiforgery);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var name in new[] { "gateway_token", "gateway_session" })
        {
            Assert.Contains("expires=thu, 01 jan 1970 00:00:00 gmt", SetCookies.Attributes(SetCookies.Find(response, name)!));
        }

        _store.Down = false;
        using var client = _gateway.Server.CreateClientWithoutCookieJar();
        using var withToken = await client.SendAsync(Requests.Get("/api/whoami").WithBearer(token).AsApi());
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        using var withCredential = await client.SendAsync(Requests.Get("/api/whoami").AsApi()
            .WithHeader("Cookie", "gateway_session=" + credential));
        Assert.Equal(HttpStatusCode.Unauthorized, withCredential.StatusCode);
    }
}
