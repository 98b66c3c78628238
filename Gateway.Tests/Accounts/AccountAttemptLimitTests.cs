using System.Net;
using System.Net.Http.Json;

using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.Accounts;

/// <summary>The per-account limit with its in-memory counter, on one gateway whose clock the test moves.</summary>
public sealed class AccountAttemptLimitTests : IAsyncLifetime
{
    private const string Wrong = "not the password";
    private static readonly (string, string) ThreeFailures = ("Gateway:RateLimit:FailuresPerAccount", "3");

    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private SampleBackendServer _backend = null!;

    public async Task InitializeAsync() => _backend = await SampleBackendServer.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task Login_TenWrongPasswords_RightOneRefusedUntilTheWindowEnds_OtherUsersUnaffected()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, clock: _clock);
        using var client = gateway.CreateClient();
        var alice = await TestUsers.RegisterAsync(client);
        var bob = await TestUsers.RegisterAsync(client);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, alice.Username, Wrong));
        }

        using var refused = await LoginAsync(client, alice.Username.ToUpperInvariant(), TestUsers.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("too_many_attempts", await refused.ErrorCodeAsync());
        Assert.Equal(TimeSpan.FromMinutes(15), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(client, bob.Username, TestUsers.Password));

        _clock.Advance(TimeSpan.FromMinutes(10));
        using var later = await LoginAsync(client, alice.Username, TestUsers.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, later.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), later.Headers.RetryAfter?.Delta);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(client, alice.Username, TestUsers.Password));
    }

    [Fact]
    public async Task Login_UnknownUsername_AnsweredExactlyLikeAnAccount()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [ThreeFailures], clock: _clock);
        using var client = gateway.CreateClient();
        var alice = await TestUsers.RegisterAsync(client);
        var nobody = TestUsers.UniqueName("nobody");

        foreach (var username in new[] { alice.Username, nobody })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, username, Wrong));
            }
        }

        using var account = await LoginAsync(client, alice.Username, TestUsers.Password);
        using var unknown = await LoginAsync(client, nobody, TestUsers.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, account.StatusCode);
        Assert.Equal(account.StatusCode, unknown.StatusCode);
        Assert.Equal(account.Headers.RetryAfter, unknown.Headers.RetryAfter);
        Assert.Equal(await account.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_Refused_NoHashSpentForAccountsOrUnknownNames()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address,
            [ThreeFailures, ("Gateway:Users:MaxConcurrentHashes", "1"), ("Gateway:Users:MaxQueuedHashes", "1")], clock: _clock);
        using var client = gateway.CreateClient();
        var alice = await TestUsers.RegisterAsync(client);
        var nobody = TestUsers.UniqueName("nobody");
        foreach (var username in new[] { alice.Username, nobody })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, username, Wrong));
            }
        }

        using (HeldHashing.Saturate(gateway, maxQueued: 1))
        {
            // A check that is let through needs a hash, an unknown name's dummy one included: busy.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await LoginStatusAsync(client, TestUsers.UniqueName("other"), Wrong));

            Assert.Equal(HttpStatusCode.TooManyRequests, await LoginStatusAsync(client, alice.Username, TestUsers.Password));
            Assert.Equal(HttpStatusCode.TooManyRequests, await LoginStatusAsync(client, nobody, TestUsers.Password));
        }
    }

    [Fact]
    public async Task Login_SuccessBeforeTheLimit_ClearsTheCount()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [ThreeFailures], clock: _clock);
        using var client = gateway.CreateClient();
        var alice = await TestUsers.RegisterAsync(client);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, alice.Username, Wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, alice.Username, Wrong));

        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(client, alice.Username, TestUsers.Password));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, alice.Username, Wrong));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginStatusAsync(client, alice.Username, TestUsers.Password));
    }

    [Fact]
    public async Task Login_FormAndJsonPosts_CountTogether_BrowserGetsTheFormWithTheMessage()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [ThreeFailures], clock: _clock);
        using var client = gateway.CreateClient();
        var alice = await TestUsers.RegisterAsync(client);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, alice.Username, Wrong));
        using (var form = await Forms.PostAsync(client, "/auth/login", "/auth/login", ("username", alice.Username), ("password", Wrong)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, alice.Username, Wrong));

        using var refused = await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", alice.Username), ("password", TestUsers.Password));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Too many failed sign-ins for this account", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_WrongCurrentPasswords_CountAgainstTheAccount()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address, [ThreeFailures], clock: _clock);
        using var client = gateway.CreateClient();
        var alice = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, alice.Username);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await Api.ChangePasswordAsync(gateway, token, Wrong, "a brand new password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var change = await Api.ChangePasswordAsync(gateway, token, TestUsers.Password, "a brand new password");
        Assert.Equal(HttpStatusCode.TooManyRequests, change.StatusCode);
        Assert.Equal("too_many_attempts", await change.ErrorCodeAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginStatusAsync(client, alice.Username, TestUsers.Password));
    }

    [Fact]
    public async Task Login_LimitOff_NeverRefused()
    {
        await using var gateway = await GatewayServer.StartAsync(_backend.Address,
            [("Gateway:RateLimit:FailuresPerAccount", "0")], clock: _clock);
        using var client = gateway.CreateClient();
        var alice = await TestUsers.RegisterAsync(client);
        for (var i = 0; i < 11; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginStatusAsync(client, alice.Username, Wrong));
        }

        Assert.Equal(HttpStatusCode.OK, await LoginStatusAsync(client, alice.Username, TestUsers.Password));
    }

    internal static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/auth/login", new { username, password });

    internal static async Task<HttpStatusCode> LoginStatusAsync(HttpClient client, string username, string password)
    {
        using var response = await LoginAsync(client, username, password);
        return response.StatusCode;
    }
}
