using System.Net;
using System.Net.Http.Json;
using Gateway.Accounts.SecondFactor;
using Gateway.Audit;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Accounts.SecondFactor;

/// <summary>
/// A gateway on a <see cref="ManualClock"/> (codes are computed for its time), with the policy <c>secure</c>
/// (RequireSecondFactor) on <c>/secure/**</c>, and helpers that enrol a user through the JSON API as a script would.
/// </summary>
public class SecondFactorFixture : IAsyncLifetime
{
    private readonly bool _requiredForAll;

    public SecondFactorFixture()
        : this(requiredForAll: false)
    {
    }

    /// <param name="requiredForAll">Gateway:SecondFactor:RequiredForAll.</param>
    protected SecondFactorFixture(bool requiredForAll) => _requiredForAll = requiredForAll;

    // Five seconds into a step, so a test knows which step "now" is in after moving the clock by whole steps.
    internal ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30 + 5));

    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;


    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        var routes = GatewayServer.DefaultRoutes();
        routes["secure"] = GatewayServer.Route("/secure/{**rest}", "secure");
        Gateway = await GatewayServer.StartAsync(Backend.Address,
            [
                ("Gateway:Policies:secure:RequireSecondFactor", "true"),
                ("Gateway:SecondFactor:RequiredForAll", _requiredForAll ? "true" : "false"),
            ],
            routes, clock: Clock);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }

    /// <summary>Moves to the next time step, where the authenticator shows a new code.</summary>
    internal void NextStep() => Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds));

    internal string CodeNow(byte[] secret) => Totp.Code(secret, Totp.StepAt(Clock.Now));

    private static readonly string[] Candidates = ["000000", "111111", "222222", "333333"];

    /// <summary>A code that matches none of the steps accepted now.</summary>
    internal string WrongCode(byte[] secret)
    {
        var step = Totp.StepAt(Clock.Now);
        var valid = new[] { step - 1, step, step + 1 }.Select(each => Totp.Code(secret, each)).ToHashSet();
        return Candidates.First(code => !valid.Contains(code));
    }

    /// <summary>A registered user who set up and confirmed TOTP; the token is the one confirmation returned (amr otp).</summary>
    internal async Task<EnrolledUser> EnrolAsync()
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        var (secret, _) = await SetUpAsync(client, token);
        using var confirm = await client.SendAsync(
            Requests.Post("/auth/2fa/totp/confirm", JsonBodies.Json(new { code = CodeNow(secret), password = TestUsers.Password })).WithBearer(token));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var body = await confirm.JsonAsync();
        var codes = body.GetProperty("recoveryCodes").EnumerateArray().Select(code => code.GetString()!).ToList();

        // The code just used cannot sign in again; the next step's can.
        NextStep();
        return new EnrolledUser(user, secret, codes, body.GetProperty("token").GetString()!);
    }

    /// <returns>The secret (decoded) and the otpauth URI.</returns>
    internal static async Task<(byte[] Secret, string Uri)> SetUpAsync(HttpClient client, string token)
    {
        using var setup = await client.SendAsync(Requests.Post("/auth/2fa/totp/setup").WithBearer(token).AsApi());
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var body = await setup.JsonAsync();
        return (Base32.Decode(body.GetProperty("secret").GetString()!)!, body.GetProperty("otpauthUri").GetString()!);
    }

    /// <summary>The password step of an enrolled user: 401 with a challenge, no token.</summary>
    internal static async Task<string> ChallengeAsync(HttpClient client, string username)
    {
        using var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("second_factor_required", body.GetProperty("error").GetString());
        Assert.Null(SetCookies.Find(response, "gateway_token"));
        return body.GetProperty("challenge").GetString()!;
    }

    internal static Task<HttpResponseMessage> SecondStepAsync(
        HttpClient client, string challenge, string? code = null, string? recoveryCode = null) =>
        client.PostAsJsonAsync("/auth/login/second-factor", new { challenge, code, recoveryCode });

    internal static IReadOnlyList<string> Amr(string token) =>
        [.. new JsonWebToken(token).Claims.Where(claim => claim.Type == "amr").Select(claim => claim.Value)];

    internal async Task<IReadOnlyList<AuditEvent>> AuditAsync() =>
        await Gateway.Services.GetRequiredService<AuditTrail>().ListAsync(0, 500, CancellationToken.None);
}

/// <summary>The same gateway with Gateway:SecondFactor:RequiredForAll.</summary>
public sealed class RequiredForAllFixture() : SecondFactorFixture(requiredForAll: true);

internal sealed record EnrolledUser(RegisteredUser User, byte[] Secret, IReadOnlyList<string> RecoveryCodes, string Token);
