using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>
/// A rotation keeps sessions: a session signed in under the old key is refreshed (or restored from its remember-me
/// cookie) by an instance that now signs with the new key, and what it gets is signed with the new key.
/// </summary>
public sealed class RotationRefreshTests : IAsyncLifetime
{
    private const string OldKey = GatewayServer.SigningKey;
    private const string NewKey = "rotated-signing-key-9876543210-ZYXWVUTSRQPONMLKJIHGFEDCBA";

    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private SampleBackendServer _backend = null!;
    private GatewayServer _before = null!;
    private GatewayServer _after = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        (string, string)[] session =
        [
            ("Gateway:Jwt:Lifetime", SessionGateway.Lifetime.ToString("c", CultureInfo.InvariantCulture)),
            ("Gateway:Jwt:ClockSkew", "00:00:00"),
        ];
        _before = await GatewayServer.StartAsync(_backend.Address, session, clock: _clock);
        _after = await GatewayServer.StartAsync(_backend.Address,
            [.. session, ("Gateway:Jwt:SigningKey", NewKey), ("Gateway:Jwt:PreviousSigningKeys:0", OldKey)],
            directory: _before.Directory, clock: _clock);
    }

    public async Task DisposeAsync()
    {
        await _after.DisposeAsync();
        await _before.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task SessionOfThePreviousKey_PastHalfLife_IsRefreshedWithTheCurrentKey()
    {
        var cookies = new CookieContainer();
        var first = await SignInAsync(cookies, rememberMe: false);
        Assert.Equal(TestTokens.KeyIdOf(OldKey), new JsonWebToken(first).Kid);

        _clock.Advance(SessionGateway.Lifetime / 2 + TimeSpan.FromSeconds(1));
        var jar = Moved(cookies);
        using var after = _after.CreateClient(jar);
        using var response = await after.GetAsync("/hello");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = new JsonWebToken(TestUsers.TokenCookie(jar, _after.Address));
        Assert.Equal(TestTokens.KeyIdOf(NewKey), fresh.Kid);
        Assert.Equal(new JsonWebToken(first).GetClaim("sid").Value, fresh.GetClaim("sid").Value);
    }

    [Fact]
    public async Task RememberedSessionOfThePreviousKey_AfterBrowserRestart_IsRestoredWithTheCurrentKey()
    {
        var cookies = new CookieContainer();
        await SignInAsync(cookies, rememberMe: true);

        _clock.Advance(SessionGateway.Lifetime + TimeSpan.FromMinutes(1));
        var jar = Moved(SessionGateway.AfterBrowserRestart(cookies));
        using var after = _after.CreateClient(jar);
        using var response = await after.SendAsync(Requests.Get("/hello").AsBrowser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestTokens.KeyIdOf(NewKey), new JsonWebToken(TestUsers.TokenCookie(jar, _after.Address)).Kid);
    }

    private async Task<string> SignInAsync(CookieContainer cookies, bool rememberMe)
    {
        using var client = _before.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(client);
        using var response = await client.PostAsJsonAsync(
            "/auth/login", new { username = user.Username, password = TestUsers.Password, rememberMe });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>The same cookies, for the other instance's address (another port of the same host).</summary>
    private CookieContainer Moved(CookieContainer cookies)
    {
        var moved = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(_before.Address))
        {
            moved.Add(_after.Address, new Cookie(cookie.Name, cookie.Value, "/") { Expires = cookie.Expires, HttpOnly = cookie.HttpOnly });
        }

        return moved;
    }
}
