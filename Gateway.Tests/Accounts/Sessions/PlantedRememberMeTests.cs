using System.Net;
using System.Net.Http.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>
/// A remember-me cookie planted by an attacker (from a sibling subdomain with a Domain attribute, or with a deeper Path,
/// where signing in does not overwrite it) must never bring back the attacker's session in a browser whose last
/// sign-in was someone else's: the victim would then type their data into the attacker's account.
/// </summary>
public sealed class PlantedRememberMeTests : IAsyncLifetime
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
    public async Task NotRemembered_TokenExpiredWithAPlantedRememberCookie_IsNotRestoredAsTheAttacker()
    {
        var (attacker, credential) = await AttackersCredentialAsync();
        var victimJar = new CookieContainer();
        victimJar.Add(Planted(credential));
        using var victim = _gateway.Server.CreateClient(victimJar);
        await SessionGateway.SignInAsync(victim);

        _gateway.Clock.Advance(SessionGateway.Lifetime * 2);
        using var response = await victim.SendAsync(Requests.Get("/api/whoami").AsBrowser());

        Assert.NotEqual(attacker.Id, await ForwardedUserAsync(response));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login", LoginRedirect.Parse(response).Path);
    }

    [Fact]
    public async Task NotRemembered_BrowserRestartedWithAPlantedRememberCookie_IsNotRestoredAsTheAttacker()
    {
        var (attacker, credential) = await AttackersCredentialAsync();
        var victimJar = new CookieContainer();
        victimJar.Add(Planted(credential));
        using (var victim = _gateway.Server.CreateClient(victimJar))
        {
            await SessionGateway.SignInAsync(victim);
        }

        using var restarted = _gateway.Server.CreateClient(SessionGateway.AfterBrowserRestart(victimJar));
        using var response = await restarted.SendAsync(Requests.Get("/api/whoami").AsBrowser());

        Assert.NotEqual(attacker.Id, await ForwardedUserAsync(response));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Remembered_OwnCredentialAfterTheTokenExpired_IsStillRestored()
    {
        var jar = new CookieContainer();
        using var client = _gateway.Server.CreateClient(jar);
        var (user, _) = await SessionGateway.SignInAsync(client, rememberMe: true);

        _gateway.Clock.Advance(SessionGateway.Lifetime * 2);
        var echoed = await EchoedRequest.ReadAsync(await client.SendAsync(Requests.Get("/api/whoami").AsBrowser()));

        Assert.Equal(user.Id, echoed.Header("X-User-Id"));
    }

    [Theory]
    [InlineData("__Host-gateway_token", "__Host-gateway_session")]
    [InlineData("__Secure-gateway_token", "__Secure-gateway_session")]
    public async Task PrefixedTokenCookieName_RememberCookieGetsTheSamePrefixAndRestores(string tokenName, string rememberName)
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [("Gateway:Cookie:Name", tokenName)]);
        using var client = gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);

        using var login = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password, rememberMe = true });

        var setCookie = SetCookies.Find(login, rememberName);
        Assert.NotNull(setCookie);
        Assert.Null(SetCookies.Find(login, "gateway_session"));
        var attributes = SetCookies.Attributes(setCookie);
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));

        using var restored = await client.SendAsync(Requests.Get("/api/whoami").WithHeader("Cookie", setCookie.Split(';')[0]));
        Assert.Equal(user.Id, (await EchoedRequest.ReadAsync(restored)).Header("X-User-Id"));
    }

    /// <summary>An attacker's own remembered session, as the credential they would plant.</summary>
    private async Task<(RegisteredUser Attacker, string Credential)> AttackersCredentialAsync()
    {
        var jar = new CookieContainer();
        using var client = _gateway.Server.CreateClient(jar);
        var (attacker, _) = await SessionGateway.SignInAsync(client, rememberMe: true);
        return (attacker, jar.GetCookies(_gateway.Server.Address)["gateway_session"]!.Value);
    }

    /// <summary>
    /// The credential as a cookie of a deeper path (a sibling subdomain's Domain cookie behaves the same; loopback
    /// addresses take no Domain), persistent like a real remember-me cookie.
    /// </summary>
    private Cookie Planted(string credential) =>
        new("gateway_session", credential, "/api", _gateway.Server.Address.Host) { Expires = DateTime.UtcNow.AddDays(1), HttpOnly = true };

    /// <summary>The user the backend was told about, when the request reached it.</summary>
    private static async Task<string?> ForwardedUserAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? (await EchoedRequest.ReadAsync(response)).Header("X-User-Id") : null;
}
