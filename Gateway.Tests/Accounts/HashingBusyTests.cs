using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Accounts;

/// <summary>
/// With its one hashing thread held and its queue (of one) full, the gateway refuses further hashes at once: 503 busy
/// with Retry-After, nothing half-written, and proxying untouched.
/// </summary>
public sealed class HashingBusyTests
{
    private const int MaxQueued = 1;

    private static readonly (string, string)[] Settings =
    [
        ("Gateway:Users:MaxConcurrentHashes", "1"),
        ("Gateway:Users:MaxQueuedHashes", MaxQueued.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Gateway:Users:HashDeadline", "00:00:07"),
    ];

    [Fact]
    public async Task LoginJson_HashingSaturated_Returns503BusyWithRetryAfterWhileProxyingWorks()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, Settings);
        var (user, token) = await Api.SignUpAsync(gateway);
        using var client = gateway.CreateClient();

        using (HeldHashing.Saturate(gateway, MaxQueued))
        {
            using var response = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
            Assert.True(response.Headers.CacheControl?.NoStore, "A busy answer is never cached.");
            Assert.Null(SetCookies.Find(response, "gateway_token"));
            var body = await response.JsonAsync();
            Assert.Equal("busy", body.GetProperty("error").GetString());
            Assert.Contains("try again", body.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, await Api.GetAsync(gateway, token));
        }

        await TestUsers.LoginAsync(client, user.Username);
    }

    [Fact]
    public async Task LoginForm_HashingSaturated_ShowsBusyPageWithRetryAfter()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, Settings);
        var (user, _) = await Api.SignUpAsync(gateway);
        using var browser = gateway.CreateClient();
        var antiforgery = await Forms.AntiforgeryTokenAsync(browser, "/auth/login");

        using (HeldHashing.Saturate(gateway, MaxQueued))
        {
            using var response = await Forms.PostWithTokenAsync(browser, "/auth/login", antiforgery,
                ("username", user.Username), ("password", TestUsers.Password));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("Wait 7 seconds and try again.", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Register_HashingSaturated_Returns503AndCreatesNoUser()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, Settings);
        using var client = gateway.CreateClient();
        var username = TestUsers.UniqueName();

        using (HeldHashing.Saturate(gateway, MaxQueued))
        {
            using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("busy", await response.ErrorCodeAsync());
        }

        Assert.Equal(0, UserDatabase.CountByUsername(gateway.DataPath, username));
        await TestUsers.RegisterAsync(client, username);
    }

    [Fact]
    public async Task PasswordChange_HashingSaturated_Returns503AndKeepsThePassword()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, Settings);
        var (user, token) = await Api.SignUpAsync(gateway);
        var before = UserDatabase.PasswordHash(gateway.DataPath, user.Username);

        using (HeldHashing.Saturate(gateway, MaxQueued))
        {
            using var response = await Api.ChangePasswordAsync(gateway, token, TestUsers.Password, "a brand new password");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("busy", await response.ErrorCodeAsync());
        }

        Assert.Equal(before, UserDatabase.PasswordHash(gateway.DataPath, user.Username));
        Assert.True(await Api.IsAcceptedAsync(gateway, token));
    }

    [Theory]
    [InlineData("Gateway:Users:MaxQueuedHashes", "0")]
    [InlineData("Gateway:Users:HashDeadline", "00:00:00")]
    [InlineData("Gateway:Users:HashDeadline", "00:05:00")]
    public async Task Start_HashingLimitOutOfRange_FailsNamingTheSetting(string setting, string value)
    {
        await using var backend = await SampleBackendServer.StartAsync();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayServer.StartAsync(backend.Address, [(setting, value)]));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
