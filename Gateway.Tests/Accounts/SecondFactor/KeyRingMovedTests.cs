using System.Net;
using Gateway.Accounts.SecondFactor;
using Gateway.RequestPath.RequestLog;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;
using Serilog.Events;

namespace Gateway.Tests.Accounts.SecondFactor;

/// <summary>
/// Setting <c>Gateway:Redis:Configuration</c> on a gateway with the SQLite store moves the data-protection key ring from
/// the data folder to Redis, and the TOTP secrets sealed with the old keys can no longer be read. The gateway says so
/// once, as an error naming the cause and the fix, and does not count the users' correct codes as wrong ones; copying
/// the old keys into Redis, as docs/postgresql-and-instances.md shows, brings the secrets back.
/// </summary>
public sealed class KeyRingMovedTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30 + 5));

    [Fact]
    public async Task RedisTurnedOnWithSqlite_OldSecretUnreadable_LogsOneErrorAndCountsNoWrongCode()
    {
        var (directory, username, secret) = await EnrolWithoutRedisAsync();
        var log = GatewayLog.Create();
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address,
            [.. RedisFixture.Settings(fixture.Redis.Configuration, RedisFixture.NewPrefix()), .. log.Settings],
            directory: directory, clock: _clock);
        using var client = gateway.CreateClientWithoutCookieJar();
        var challenge = await SecondFactorFixture.ChallengeAsync(client, username);

        // More tries than the wrong-code limit allows, each with the right code.
        for (var i = 0; i < 7; i++)
        {
            using var response = await SecondFactorFixture.SecondStepAsync(client, challenge, CodeNow(secret));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await response.JsonAsync();
            Assert.Equal("second_factor_unavailable", body.GetProperty("error").GetString());
            NextStep();
        }

        // Besides the request lines, which log every 5xx answer as an error.
        var error = Assert.Single(log.Since(0), e => e.Level >= LogEventLevel.Error && !IsRequestLine(e));
        var message = GatewayLog.Message(error);
        Assert.Contains("key ring", message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Redis:Configuration", message, StringComparison.Ordinal);
        Assert.Contains("postgresql-and-instances.md", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Base32.Encode(secret), log.TextSince(0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisTurnedOnWithSqlite_OldKeysCopiedIntoRedisAsDocumented_SecretsWorkAgain()
    {
        var (directory, username, secret) = await EnrolWithoutRedisAsync();
        var prefix = RedisFixture.NewPrefix();

        // docs/postgresql-and-instances.md: for f in data/keys/key-*.xml; do redis-cli -x RPUSH <prefix>data-protection-keys < "$f"; done
        foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, "data", "keys"), "key-*.xml"))
        {
            await fixture.Inspector.GetDatabase().ListRightPushAsync(prefix + "data-protection-keys", await File.ReadAllTextAsync(file));
        }

        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address,
            RedisFixture.Settings(fixture.Redis.Configuration, prefix), directory: directory, clock: _clock);
        using var client = gateway.CreateClientWithoutCookieJar();
        var challenge = await SecondFactorFixture.ChallengeAsync(client, username);

        using var response = await SecondFactorFixture.SecondStepAsync(client, challenge, CodeNow(secret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A user enrolled on a gateway without Redis (key ring in the data folder), which is then stopped.</summary>
    private async Task<(string Directory, string Username, byte[] Secret)> EnrolWithoutRedisAsync()
    {
        await using var before = await GatewayServer.StartAsync(fixture.Backend.Address, clock: _clock);
        using var client = before.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, token);
        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm",
            JsonBodies.Json(new { code = CodeNow(secret), password = TestUsers.Password })).WithBearer(token));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        NextStep();
        return (before.Directory, user.Username, secret);
    }

    private static bool IsRequestLine(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source.ToString().Trim('"') == RequestLogging.SourceContext;

    private void NextStep() => _clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));

    private string CodeNow(byte[] secret) => Totp.Code(secret, Totp.StepAt(_clock.Now));
}
