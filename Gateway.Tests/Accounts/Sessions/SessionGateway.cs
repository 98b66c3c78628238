using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>
/// A gateway on a <see cref="ManualClock"/> with ten-minute tokens, a one-hour MaxLifetime and no clock skew, so a test
/// moves time past half-life, idle expiry or a session's end without waiting.
/// </summary>
internal sealed class SessionGateway : IAsyncDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    private SessionGateway(GatewayServer server, ManualClock clock)
    {
        Server = server;
        Clock = clock;
    }

    public GatewayServer Server { get; }

    public ManualClock Clock { get; }

    public static Task<SessionGateway> StartAsync(Uri backend, params (string Key, string Value)[] settings) =>
        StartAsync(backend, services: null, settings);

    /// <param name="services">Registrations that replace the gateway's own (a test double of a store).</param>
    public static async Task<SessionGateway> StartAsync(
        Uri backend, Action<IServiceCollection>? services, params (string Key, string Value)[] settings)
    {
        // Whole seconds, like the tokens' times, so expectations compare exactly.
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var server = await GatewayServer.StartAsync(backend, settings:
        [
            ("Gateway:Jwt:Lifetime", Lifetime.ToString("c", CultureInfo.InvariantCulture)),
            ("Gateway:Jwt:ClockSkew", "00:00:00"),
            ("Gateway:Session:MaxLifetime", MaxLifetime.ToString("c", CultureInfo.InvariantCulture)),
            .. settings,
        ], clock: clock, services: services);
        return new SessionGateway(server, clock);
    }

    /// <summary>Registers a user and signs in with JSON, as a browser session the jar keeps.</summary>
    public static async Task<(RegisteredUser User, string Token)> SignInAsync(HttpClient client, bool rememberMe = false)
    {
        var user = await TestUsers.RegisterAsync(client);
        using var response = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password, rememberMe });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (user, body.GetProperty("token").GetString()!);
    }

    public static long Claim(string token, string name) =>
        long.Parse(new JsonWebToken(token).GetClaim(name).Value, CultureInfo.InvariantCulture);

    public static string Text(string token, string name) => new JsonWebToken(token).GetClaim(name).Value;

    /// <summary>A new jar holding only the cookies with an expiry, as a browser keeps them across a restart.</summary>
    public static CookieContainer AfterBrowserRestart(CookieContainer cookies)
    {
        var restarted = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            if (cookie.Expires != DateTime.MinValue)
            {
                restarted.Add(cookie);
            }
        }

        return restarted;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
