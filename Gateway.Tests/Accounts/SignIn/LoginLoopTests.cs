using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.Accounts.SignIn;

/// <summary>
/// The login-loop breaker: when the browser would drop the token cookie (Secure over plain http, a Cookie:Domain that
/// does not cover the host), signing in answers an error naming the setting, logs a warning and issues no token,
/// instead of redirecting to a page that sends the browser straight back to sign in.
/// </summary>
public sealed class LoginLoopTests(LoginLoopTests.Gateways gateways) : IClassFixture<LoginLoopTests.Gateways>
{
    private const string Host = "gw.test";

    [Fact]
    public async Task FormLogin_SecureAlwaysOverHttp_ShowsPageNamingTheSettingAndLogsAWarning()
    {
        var mark = gateways.Log.Count;

        using var response = await FormLoginAsync(gateways.SecureAlways, gateways.SecureAlwaysUser, $"http://{Host}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Gateway:Cookie:Secure", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        Assert.Null(response.Headers.Location);
        var warning = Assert.Single(gateways.Log.Since(mark), e => e.Level == LogEventLevel.Warning);
        Assert.Contains("Gateway:Cookie:Secure", GatewayLog.Message(warning), StringComparison.Ordinal);
        Assert.Contains(Host, GatewayLog.Message(warning), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLogin_SecureAlwaysFromHttpPage_Answers403JsonWithoutToken()
    {
        using var response = await JsonLoginAsync(gateways.SecureAlways, gateways.SecureAlwaysUser, Host, $"http://{Host}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("cookie_not_stored", body.GetProperty("error").GetString());
        Assert.Contains("Gateway:Cookie:Secure", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("token", out _));
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/register")]
    [InlineData("/auth/logout")]
    public async Task FormPage_SecureAlwaysOverHttp_RendersWithASecureAntiforgeryCookie(string path)
    {
        var mark = gateways.Log.Count;
        using var client = gateways.SecureAlways.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get(path).AsBrowser().WithHost(Host));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"__csrf\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("secure", SetCookies.Attributes(SetCookies.Find(response, "gateway_csrf")!));
        Assert.DoesNotContain(gateways.Log.Since(mark), e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task FormLogin_SecureAlwaysFromTheRenderedPageOverHttp_Answers403CookieNotStored()
    {
        // A browser on http://gw.test keeps no Secure cookie: the page renders, its antiforgery cookie is dropped.
        using var client = gateways.SecureAlways.CreateClientWithoutCookieJar();
        using var page = await client.SendAsync(Requests.Get("/auth/login").AsBrowser().WithHost(Host));
        var token = Forms.AntiforgeryTokenIn(await page.Content.ReadAsStringAsync());
        using var request = Requests.Post("/auth/login", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("username", gateways.SecureAlwaysUser),
            KeyValuePair.Create("password", TestUsers.Password),
            KeyValuePair.Create("__csrf", token),
        ])).AsBrowser().WithHost(Host).WithHeader("Origin", $"http://{Host}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Gateway:Cookie:Secure", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task FormRegister_SecureAlwaysOverHttp_Answers403CookieNotStoredAndCreatesNoAccount()
    {
        var username = TestUsers.UniqueName();
        using var client = gateways.SecureAlways.CreateClientWithoutCookieJar();
        using var request = Requests.Post("/auth/register", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("username", username),
            KeyValuePair.Create("password", TestUsers.Password),
        ])).AsBrowser().WithHost(Host).WithHeader("Origin", $"http://{Host}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Gateway:Cookie:Secure", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        using var api = gateways.SecureAlways.CreateClientWithoutCookieJar();
        using var login = await api.SendAsync(Requests.Post("/auth/login",
            JsonContent.Create(new { username, password = TestUsers.Password })).AsApi());
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task FormLogin_SecureAlwaysOnLocalhostOverHttp_SignsInWithTheSecureCookies()
    {
        // Browsers keep Secure cookies from http://localhost, so the whole form journey works there. (HttpClient's jar
        // would not send them over http, hence the cookie carried by hand.)
        using var client = gateways.SecureAlways.CreateClientWithoutCookieJar();
        using var page = await client.SendAsync(Requests.Get("/auth/login").AsBrowser().WithHost("localhost"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csrfCookie = SetCookies.Find(page, "gateway_csrf")!.Split(';')[0];
        using var request = Requests.Post("/auth/login", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("username", gateways.SecureAlwaysUser),
            KeyValuePair.Create("password", TestUsers.Password),
            KeyValuePair.Create("returnUrl", "/hello"),
            KeyValuePair.Create("__csrf", Forms.AntiforgeryTokenIn(await page.Content.ReadAsStringAsync())),
        ])).AsBrowser().WithHost("localhost").WithHeader("Origin", "http://localhost").WithHeader("Cookie", csrfCookie);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("secure", SetCookies.Attributes(SetCookies.Find(response, "gateway_token")!));
    }

    [Theory]
    // TLS ended in front of the gateway: the request is http, the browser's page https.
    [InlineData(Host, "https://" + Host)]
    // A script or service names no page: it takes the token from the body.
    [InlineData(Host, null)]
    // Browsers keep Secure cookies from localhost over http.
    [InlineData("localhost", "http://localhost")]
    public async Task JsonLogin_SecureAlwaysWhereTheCookieIsKeptOrUnneeded_SignsIn(string host, string? origin)
    {
        using var response = await JsonLoginAsync(gateways.SecureAlways, gateways.SecureAlwaysUser, host, origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task JsonLogin_HostPrefixedNameFromHttpPage_NamesTheCookieName()
    {
        using var response = await JsonLoginAsync(gateways.HostPrefixed, gateways.HostPrefixedUser, Host, $"http://{Host}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Gateway:Cookie:Name", (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormLogin_CookieDomainNotCoveringHost_ShowsPageNamingTheSettingAndLogsAWarning()
    {
        var mark = gateways.Log.Count;

        using var response = await FormLoginAsync(gateways.OtherDomain, gateways.OtherDomainUser, $"http://{Host}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Gateway:Cookie:Domain", page, StringComparison.Ordinal);
        Assert.Contains("example.com", page, StringComparison.Ordinal);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        var warning = Assert.Single(gateways.Log.Since(mark), e => e.Level == LogEventLevel.Warning);
        Assert.Contains("Gateway:Cookie:Domain", GatewayLog.Message(warning), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLogin_CookieDomainCoveringHost_SignsIn()
    {
        using var response = await JsonLoginAsync(gateways.OtherDomain, gateways.OtherDomainUser, "app.example.com", "http://app.example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("domain=example.com", SetCookies.Attributes(SetCookies.Find(response, "gateway_token")!));
    }

    [Fact]
    public async Task FormLogin_DefaultCookieFromOwnPage_StillRedirects()
    {
        using var client = gateways.Default.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        var token = await Forms.AntiforgeryTokenAsync(client, "/auth/login");
        using var request = Requests.Post("/auth/login", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("username", user.Username),
            KeyValuePair.Create("password", TestUsers.Password),
            KeyValuePair.Create("returnUrl", "/hello"),
            KeyValuePair.Create("__csrf", token),
        ])).AsBrowser().WithHeader("Origin", gateways.Default.Address.GetLeftPart(UriPartial.Authority));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/hello", response.Headers.Location?.OriginalString);
        Assert.NotNull(SetCookies.Find(response, "gateway_token"));
    }

    /// <summary>The login form as a browser on http://gw.test posts it (the check comes before the antiforgery token's).</summary>
    private static async Task<HttpResponseMessage> FormLoginAsync(GatewayServer gateway, string username, string origin)
    {
        using var client = gateway.CreateClient();
        using var request = Requests.Post("/auth/login", new FormUrlEncodedContent(
            [KeyValuePair.Create("username", username), KeyValuePair.Create("password", TestUsers.Password)]))
            .AsBrowser().WithHost(Host).WithHeader("Origin", origin);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> JsonLoginAsync(GatewayServer gateway, string username, string host, string? origin)
    {
        using var client = gateway.CreateClientWithoutCookieJar();
        using var request = Requests.Post("/auth/login", JsonContent.Create(new { username, password = TestUsers.Password }))
            .AsApi().WithHost(host);
        if (origin is not null)
        {
            request.WithHeader("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Gateways whose cookie a browser on http://gw.test would drop, each with one account, and a default one.</summary>
    public sealed class Gateways : IAsyncLifetime
    {
        private SampleBackendServer _backend = null!;

        public GatewayLog Log { get; } = GatewayLog.Create();

        public GatewayServer SecureAlways { get; private set; } = null!;

        public string SecureAlwaysUser { get; private set; } = null!;

        public GatewayServer HostPrefixed { get; private set; } = null!;

        public string HostPrefixedUser { get; private set; } = null!;

        public GatewayServer OtherDomain { get; private set; } = null!;

        public string OtherDomainUser { get; private set; } = null!;

        public GatewayServer Default { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _backend = await SampleBackendServer.StartAsync();
            (SecureAlways, SecureAlwaysUser) = await StartAsync(("Gateway:Cookie:Secure", "Always"));
            (HostPrefixed, HostPrefixedUser) = await StartAsync(("Gateway:Cookie:Name", "__Host-gateway_token"));
            (OtherDomain, OtherDomainUser) = await StartAsync(("Gateway:Cookie:Domain", "example.com"));
            Default = await GatewayServer.StartAsync(_backend.Address);
        }

        private async Task<(GatewayServer, string)> StartAsync((string, string) setting)
        {
            var gateway = await GatewayServer.StartAsync(_backend.Address,
            [
                setting,
                ("Gateway:AllowedHosts:1", Host),
                ("Gateway:AllowedHosts:2", "localhost"),
                ("Gateway:AllowedHosts:3", "*.example.com"),
                .. Log.Settings,
            ]);
            using var client = gateway.CreateClientWithoutCookieJar();
            return (gateway, (await TestUsers.RegisterAsync(client)).Username);
        }

        public async Task DisposeAsync()
        {
            await Default.DisposeAsync();
            await OtherDomain.DisposeAsync();
            await HostPrefixed.DisposeAsync();
            await SecureAlways.DisposeAsync();
            await _backend.DisposeAsync();
        }
    }
}
