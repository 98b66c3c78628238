using System.Net;
using System.Net.Http.Json;

using Gateway.Storage;
using Gateway.Tests.Accounts.Sessions;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.Storage;

/// <summary>
/// The user store's database out of reach: whatever needs it answers 503 store_unavailable with Retry-After through the
/// one reply path, nothing is written, and requests that carry a valid token are still proxied.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private const string Message = "Sign-in is unavailable right now: the gateway cannot reach its user store. Try again in 5 seconds.";

    private readonly UnreachableUserStore _store = new();
    private SampleBackendServer _backend = null!;
    private SessionGateway _gateway = null!;

    private GatewayServer Server => _gateway.Server;

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
    public async Task LoginJson_StoreDown_Returns503StoreUnavailableWithRetryAfter()
    {
        var (user, _) = await Api.SignUpAsync(Server);
        using var client = Server.CreateClient();
        _store.Down = true;

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.CacheControl?.NoStore, "An outage answer is never cached.");
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        var body = await response.JsonAsync();
        Assert.Equal("store_unavailable", body.GetProperty("error").GetString());
        Assert.Equal(Message, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task LoginForm_StoreDown_ShowsPageWithMessageAndRetryAfter()
    {
        var (user, _) = await Api.SignUpAsync(Server);
        using var browser = Server.CreateClient();
        var antiforgery = await Forms.AntiforgeryTokenAsync(browser, "/auth/login");
        _store.Down = true;

        using var response = await Forms.PostWithTokenAsync(browser, "/auth/login", antiforgery,
            ("username", user.Username), ("password", TestUsers.Password));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in is unavailable", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Message), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_StoreDown_Returns503AndCreatesNoUser()
    {
        using var client = Server.CreateClient();
        var username = TestUsers.UniqueName();
        _store.Down = true;

        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("store_unavailable", await response.ErrorCodeAsync());
        _store.Down = false;
        Assert.Null(await _store.Inner.FindByUsernameAsync(username, CancellationToken.None));
        await TestUsers.RegisterAsync(client, username);
    }

    [Fact]
    public async Task Me_StoreDown_Returns503StoreUnavailable()
    {
        var (_, token) = await Api.SignUpAsync(Server);
        using var client = Server.CreateClient();
        _store.Down = true;

        using var response = await client.SendAsync(Requests.Get("/auth/me").WithBearer(token).AsApi());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("store_unavailable", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task ProxiedRequest_StoreDownValidBearerToken_IsStillProxied()
    {
        var (user, token) = await Api.SignUpAsync(Server);
        _store.Down = true;

        using var client = Server.CreateClient();
        var echoed = await EchoedRequest.ReadAsync(await client.SendAsync(Requests.Get(Api.ProtectedPath).WithBearer(token)));

        Assert.Equal(user.Id, echoed.Header("X-User-Id"));
    }

    [Fact]
    public async Task ProxiedRequest_StoreDownCookiePastHalfLife_IsProxiedWithoutRefresh()
    {
        var cookies = new CookieContainer();
        using var client = Server.CreateClient(cookies);
        var (user, first) = await SessionGateway.SignInAsync(client);
        _store.Down = true;
        _gateway.Clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));

        using var response = await client.SendAsync(Requests.Get(Api.ProtectedPath));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal(user.Id, echoed.Header("X-User-Id"));
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        Assert.Equal(first, TestUsers.TokenCookie(cookies, Server.Address));
    }

    [Fact]
    public async Task ProxiedRequest_StoreDownRememberedSessionToRestore_Returns503AndKeepsTheCredential()
    {
        var cookies = new CookieContainer();
        using (var browser = Server.CreateClient(cookies))
        {
            await SessionGateway.SignInAsync(browser, rememberMe: true);
        }

        var restarted = SessionGateway.AfterBrowserRestart(cookies);
        _store.Down = true;
        using var client = Server.CreateClient(restarted);

        using var response = await client.SendAsync(Requests.Get(Api.ProtectedPath).AsBrowser());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Null(SetCookies.Find(response, "gateway_session"));
        _store.Down = false;
        var echoed = await EchoedRequest.ReadAsync(await client.SendAsync(Requests.Get(Api.ProtectedPath).AsBrowser()));
        Assert.NotNull(echoed.Header("X-User-Id"));
    }

    [Fact]
    public async Task AnonymousRoute_StoreDownRememberedSessionToRestore_IsServedSignedOut()
    {
        var cookies = new CookieContainer();
        using (var browser = Server.CreateClient(cookies))
        {
            await SessionGateway.SignInAsync(browser, rememberMe: true);
        }

        var restarted = SessionGateway.AfterBrowserRestart(cookies);
        _store.Down = true;
        using var client = Server.CreateClient(restarted);

        using var response = await client.SendAsync(Requests.Get("/public/anything").AsBrowser());

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Null(echoed.Header("X-User-Id"));
        Assert.Null(SetCookies.Find(response, "gateway_session"));
    }

    [Fact]
    public async Task Readyz_StoreDown_ReportsTheUserStoreUnreachable()
    {
        var (_, up) = await Api.ReadyAsync(Server);
        Assert.Equal("Healthy", up.GetProperty("checks").GetProperty("userStore").GetProperty("status").GetString());
        _store.Down = true;

        var (status, body) = await Api.ReadyAsync(Server);

        // Degraded, still 200: every replica shares the database, and each still proxies valid tokens.
        Assert.Equal(HttpStatusCode.OK, status);
        var check = body.GetProperty("checks").GetProperty("userStore");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.StartsWith("user store (SQLite) unreachable", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
