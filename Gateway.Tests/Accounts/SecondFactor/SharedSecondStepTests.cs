using System.Net;

using Gateway.Accounts.SecondFactor;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;

namespace Gateway.Tests.Accounts.SecondFactor;

/// <summary>
/// Two instances behind one load balancer share the wrong-code limit and the record of used sign-in challenges, where
/// <c>FailuresPerAccount</c> is counted: in Redis when it is configured, in the user store otherwise. Both instances
/// here share one user store (a SQLite file in one data folder) and, with Redis, one Redis.
/// </summary>
public sealed class SharedSecondStepTests(RedisFixture fixture) : IClassFixture<RedisFixture>
{
    private const int MaxWrongCodes = 5;

    private static readonly string[] Candidates = ["000000", "111111", "222222", "333333"];

    // Five seconds into a step, so moving the clock by whole steps lands in a known step.
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30 + 5));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WrongCodes_SpreadOverTwoInstances_LockTheSecondStepOnBoth(bool redis)
    {
        var (a, b) = await StartPairAsync(redis);
        await using var _ = a;
        await using var __ = b;
        using var onA = a.CreateClientWithoutCookieJar();
        using var onB = b.CreateClientWithoutCookieJar();
        var (username, secret) = await EnrolAsync(onA);
        var challenge = await SecondFactorFixture.ChallengeAsync(onA, username);

        for (var i = 0; i < MaxWrongCodes; i++)
        {
            using var wrong = await SecondFactorFixture.SecondStepAsync(i % 2 == 0 ? onA : onB, challenge, WrongCode(secret));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("invalid_code", await wrong.ErrorCodeAsync());
        }

        using var onBNow = await SecondFactorFixture.SecondStepAsync(onB, challenge, CodeNow(secret));
        using var onANow = await SecondFactorFixture.SecondStepAsync(onA, challenge, CodeNow(secret));

        Assert.Equal(HttpStatusCode.TooManyRequests, onBNow.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, onANow.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Challenge_UsedOnOneInstance_IsRefusedOnTheOther(bool redis)
    {
        var (a, b) = await StartPairAsync(redis);
        await using var _ = a;
        await using var __ = b;
        using var onA = a.CreateClientWithoutCookieJar();
        using var onB = b.CreateClientWithoutCookieJar();
        var (username, secret) = await EnrolAsync(onA);
        var challenge = await SecondFactorFixture.ChallengeAsync(onA, username);
        using (var used = await SecondFactorFixture.SecondStepAsync(onB, challenge, CodeNow(secret)))
        {
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }

        NextStep();
        using var again = await SecondFactorFixture.SecondStepAsync(onA, challenge, CodeNow(secret));

        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("invalid_challenge", await again.ErrorCodeAsync());
    }

    private async Task<(GatewayServer A, GatewayServer B)> StartPairAsync(bool redis)
    {
        List<(string, string)> settings = redis ? RedisFixture.Settings(fixture.Redis.Configuration, RedisFixture.NewPrefix()) : [];
        var a = await GatewayServer.StartAsync(fixture.Backend.Address, settings, clock: _clock);
        var b = await GatewayServer.StartAsync(fixture.Backend.Address, settings, directory: a.Directory, clock: _clock);
        return (a, b);
    }

    /// <summary>A new user enrolled through <paramref name="client"/>'s instance; the next step's codes sign in.</summary>
    private async Task<(string Username, byte[] Secret)> EnrolAsync(HttpClient client)
    {
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);
        var (secret, _) = await SecondFactorFixture.SetUpAsync(client, token);
        using var confirm = await client.SendAsync(Requests.Post("/auth/2fa/totp/confirm",
            JsonBodies.Json(new { code = CodeNow(secret), password = TestUsers.Password })).WithBearer(token));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        NextStep();
        return (user.Username, secret);
    }

    private void NextStep() => _clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));

    private string CodeNow(byte[] secret) => Totp.Code(secret, Totp.StepAt(_clock.Now));

    private string WrongCode(byte[] secret)
    {
        var step = Totp.StepAt(_clock.Now);
        var valid = new[] { step - 1, step, step + 1 }.Select(each => Totp.Code(secret, each)).ToHashSet();
        return Candidates.First(code => !valid.Contains(code));
    }
}
