using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Xunit.Abstractions;

namespace Gateway.Tests.Revocation;

/// <summary>Two gateway instances sharing one real Redis (and, as replicas do, one data folder).</summary>
public sealed class CrossInstanceRevocationTests(RedisFixture fixture, ITestOutputHelper output)
    : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private readonly string _prefix = RedisFixture.NewPrefix();
    private GatewayServer _a = null!;
    private GatewayServer _b = null!;

    public async Task InitializeAsync()
    {
        var settings = RedisFixture.Settings(fixture.Redis.Configuration, _prefix);
        _a = await GatewayServer.StartAsync(fixture.Backend.Address, settings);
        _b = await GatewayServer.StartAsync(fixture.Backend.Address, settings, directory: _a.Directory);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task Logout_OnInstanceA_TokenRejectedByInstanceBWithinOneSecond()
    {
        var (_, token) = await Api.SignUpAsync(_a);
        Assert.True(await Api.IsAcceptedAsync(_b, token), "instance B accepts the token before the logout");

        using var logout = await Api.LogoutAsync(_a, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        var delay = await Eventually.TrueAsync(
            async () => await Api.GetAsync(_b, token) == HttpStatusCode.Unauthorized, OneSecond,
            "instance B rejects the token logged out on instance A");
        output.WriteLine($"Instance B rejected the token {delay.TotalMilliseconds:0} ms after instance A's logout answered.");
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(_a, token));
    }

    [Fact]
    public async Task Logout_OnInstanceB_EndsEarlierAndLaterTokensOfTheSessionOnBoth()
    {
        var (_, first) = await Api.SignUpAsync(_a);
        var refreshed = await Api.RefreshAsync(_a, first);
        Assert.Equal(Api.SessionId(first), Api.SessionId(refreshed));

        // Logging out with the earlier token ends the session, so the token refreshed from it too.
        using var logout = await Api.LogoutAsync(_b, first);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Eventually.TrueAsync(
            async () => await Api.GetAsync(_a, refreshed) == HttpStatusCode.Unauthorized
                && await Api.GetAsync(_a, first) == HttpStatusCode.Unauthorized,
            OneSecond, "instance A rejects both tokens of the session logged out on instance B");
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(_b, refreshed));
        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(_b, first));
        var key = $"{_prefix}revoked:sid:{Api.SessionId(first)}";
        Assert.True(await fixture.Inspector.GetDatabase().KeyExistsAsync(key), "the session's revocation is in Redis");
    }

    [Fact]
    public async Task LogoutEverywhere_OnInstanceA_EndsEveryEarlierTokenOfThatUserOnly()
    {
        var (user, first) = await Api.SignUpAsync(_a);
        using var client = _b.CreateClient();
        var second = await TestUsers.LoginAsync(client, user.Username);
        var (_, someoneElse) = await Api.SignUpAsync(_b);

        using var logout = await Api.LogoutAsync(_a, first, "?everywhere=true");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        // Signing in again at once, most likely in the very second of the cut-off, must give a token that works.
        var fresh = await TestUsers.LoginAsync(client, user.Username);
        await Eventually.TrueAsync(
            async () => !await Api.IsAcceptedAsync(_b, first) && !await Api.IsAcceptedAsync(_b, second), OneSecond,
            "instance B rejects both tokens issued before the logout everywhere");
        Assert.False(await Api.IsAcceptedAsync(_a, second));
        Assert.True(await Api.IsAcceptedAsync(_a, fresh), "a login right after logging out everywhere works on A");
        Assert.True(await Api.IsAcceptedAsync(_b, fresh), "a login right after logging out everywhere works on B");
        Assert.True(await Api.IsAcceptedAsync(_a, someoneElse), "another user's token is untouched");
        Assert.True(await Api.IsAcceptedAsync(_b, someoneElse), "another user's token is untouched");
    }

    [Fact]
    public async Task LogoutEverywhere_TokensOnBothSidesInTheSameSecond_NewTokenWorksOldDoesNot()
    {
        var (user, _) = await Api.SignUpAsync(_a);

        // iat has whole seconds: the case that matters is a sign-in, a cut-off and another sign-in within one second of
        // the clock. A try that straddles a second boundary proves nothing and is repeated. The sign-ins are the token
        // issuers' own (what a login does once the password hash has matched), so a busy machine still fits them in a second.
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var old = await IssueAsync(_b, user.Id);
            using (var logout = await Api.LogoutAsync(_a, old, "?everywhere=true"))
            {
                Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            }

            var fresh = await IssueAsync(_b, user.Id);
            if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() != second)
            {
                continue;
            }

            output.WriteLine($"Sign-in, logout everywhere and sign-in again all within second {second} (try {attempt}).");
            Assert.True(await Api.IsAcceptedAsync(_b, fresh), "the token signed in right after the cut-off works on B");
            Assert.True(await Api.IsAcceptedAsync(_a, fresh), "the token signed in right after the cut-off works on A");
            Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(_a, old));
            await Eventually.TrueAsync(async () => !await Api.IsAcceptedAsync(_b, old), OneSecond,
                "instance B rejects the token signed in earlier in the same second");
            return;
        }

        Assert.Fail("In 20 tries, no sign-in, logout everywhere and sign-in fell within one second.");
    }

    /// <summary>What a login on <paramref name="gateway"/> does once the password matched: reads the user, issues a token.</summary>
    private static async Task<string> IssueAsync(GatewayServer gateway, string userId)
    {
        var user = await gateway.Services.GetRequiredService<IUserStore>().FindByIdAsync(userId, CancellationToken.None);
        return gateway.Services.GetRequiredService<TokenIssuer>().Issue(user!).Value;
    }

    [Fact]
    public async Task PasswordChange_OnInstanceA_EndsEarlierTokensAndKeepsCallerSignedIn()
    {
        var (user, caller) = await Api.SignUpAsync(_a);
        using var client = _b.CreateClient();
        var elsewhere = await TestUsers.LoginAsync(client, user.Username);
        var (_, someoneElse) = await Api.SignUpAsync(_a);

        using var change = await Api.ChangePasswordAsync(_a, caller, TestUsers.Password, "a brand new passphrase");
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var renewed = await Api.TokenFromAsync(change);

        await Eventually.TrueAsync(
            async () => !await Api.IsAcceptedAsync(_b, elsewhere) && !await Api.IsAcceptedAsync(_b, caller), OneSecond,
            "instance B rejects the tokens issued before the password change");
        Assert.False(await Api.IsAcceptedAsync(_a, elsewhere));
        Assert.True(await Api.IsAcceptedAsync(_a, renewed), "the caller's new token works on A");
        Assert.True(await Api.IsAcceptedAsync(_b, renewed), "the caller's new token works on B");
        Assert.True(await Api.IsAcceptedAsync(_b, someoneElse), "another user's token is untouched");

        await TestUsers.LoginAsync(client, user.Username, "a brand new passphrase");
        using var oldPassword = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
    }

    [Fact]
    public async Task RevocationKeys_AfterLogoutAndLogoutEverywhere_CarryTheSessionsRemainingLife()
    {
        var (_, token) = await Api.SignUpAsync(_a);
        var (otherUser, other) = await Api.SignUpAsync(_a);
        var jwt = Api.Decode(token);

        using (var logout = await Api.LogoutAsync(_a, token))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using (var everywhere = await Api.LogoutAsync(_a, other, "?everywhere=true"))
        {
            Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        }

        var redis = fixture.Inspector.GetDatabase();
        // The session's end: MaxLifetime (12 h by default) after sign-in, past which none of its tokens is refreshed.
        var sessionKey = $"{_prefix}revoked:sid:{Api.SessionId(token)}";
        var sessionEnd = long.Parse(jwt.GetClaim("auth_time").Value, CultureInfo.InvariantCulture) + (long)TimeSpan.FromHours(12).TotalSeconds;
        Assert.Equal(sessionEnd, (long)await redis.StringGetAsync(sessionKey));

        // Until the session's end plus the 5 s clock skew a token of it could still validate; not a second longer.
        var ttl = await redis.KeyTimeToLiveAsync(sessionKey);
        var untilExpiry = DateTimeOffset.FromUnixTimeSeconds(sessionEnd) - DateTimeOffset.UtcNow;
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, untilExpiry - TimeSpan.FromSeconds(5), untilExpiry + TimeSpan.FromSeconds(7));

        // One token lifetime (1 h by default) after the cut-off, every token it ends has expired.
        var userKey = Assert.Single(fixture.Inspector.GetServers()[0].Keys(pattern: $"{_prefix}revoked:user:*"));
        Assert.Equal($"{_prefix}revoked:user:{otherUser.Id}", userKey.ToString());
        var userTtl = await redis.KeyTimeToLiveAsync(userKey);
        Assert.NotNull(userTtl);
        Assert.InRange(userTtl.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task RevocationKeys_ShortSession_VanishWhenSessionEnds()
    {
        var settings = RedisFixture.Settings(fixture.Redis.Configuration, _prefix,
            ("Gateway:Jwt:Lifetime", "00:00:02"), ("Gateway:Session:MaxLifetime", "00:00:02"), ("Gateway:Jwt:ClockSkew", "00:00:00"));
        await using var shortLived = await GatewayServer.StartAsync(fixture.Backend.Address, settings);
        var (_, token) = await Api.SignUpAsync(shortLived);
        using var logout = await Api.LogoutAsync(shortLived, token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        var key = $"{_prefix}revoked:sid:{Api.SessionId(token)}";
        var redis = fixture.Inspector.GetDatabase();
        Assert.True(await redis.KeyExistsAsync(key), "the logout wrote the revocation key");
        await Eventually.TrueAsync(async () => !await redis.KeyExistsAsync(key), TimeSpan.FromSeconds(6),
            "the revocation key expires with its two-second session");
    }

    [Fact]
    public async Task LogoutEverywhere_RedisFlushed_NewInstanceStillEnforcesFromUserStore()
    {
        var (user, token) = await Api.SignUpAsync(_a);
        using var logout = await Api.LogoutAsync(_a, token, "?everywhere=true");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await fixture.Inspector.GetServers()[0].ExecuteAsync("FLUSHALL");

        await using var fresh = await GatewayServer.StartAsync(
            fixture.Backend.Address, RedisFixture.Settings(fixture.Redis.Configuration, _prefix), directory: _a.Directory);

        Assert.Equal(HttpStatusCode.Unauthorized, await Api.GetAsync(fresh, token));
        using var client = fresh.CreateClient();
        Assert.True(await Api.IsAcceptedAsync(fresh, await TestUsers.LoginAsync(client, user.Username)));
    }

    [Fact]
    public async Task Readyz_RedisReachable_ReportsHealthy()
    {
        var (status, body) = await Api.ReadyAsync(_b);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }
}
