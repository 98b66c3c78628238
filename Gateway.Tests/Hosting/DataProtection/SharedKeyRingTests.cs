using System.Net;
using Gateway.Tests.Infrastructure;
using StackExchange.Redis;

namespace Gateway.Tests.Hosting.DataProtection;

/// <summary>
/// Two instances with separate data folders, as replicas without a shared disk: a login form served by A and posted to
/// B is accepted only when their data-protection key ring is shared, here through one real Redis.
/// </summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task LoginForm_FromInstanceAPostedToInstanceBSharingRedis_IsAccepted()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var backend = await SampleBackendServer.StartAsync();
        (string, string)[] settings = [("Gateway:Redis:Configuration", redis.Configuration)];
        await using var a = await GatewayServer.StartAsync(backend.Address, settings);
        await using var b = await GatewayServer.StartAsync(backend.Address, settings);

        var response = await PostFormFromAToBAsync(a, b);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.NotNull(SetCookies.Find(response, "gateway_token"));
        Assert.False(Directory.Exists(Path.Combine(a.DataPath, "keys")), "With Redis the key ring is not in the data folder.");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        Assert.True(await connection.GetDatabase().ListLengthAsync("gateway:data-protection-keys") > 0,
            "The key ring is a list under the gateway's Redis key prefix.");
    }

    [Fact]
    public async Task LoginForm_FromInstanceAPostedToInstanceBWithoutSharedKeys_IsRefusedAsExpired()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var a = await GatewayServer.StartAsync(backend.Address);
        await using var b = await GatewayServer.StartAsync(backend.Address);

        var response = await PostFormFromAToBAsync(a, b);

        // Documents the requirement: replicas with neither a shared folder nor Redis (nor PostgreSQL) refuse each other's forms.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This sign-in form expired. Please try again.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SetCookies.Find(response, "gateway_token"));
    }

    [Fact]
    public async Task LoginPage_KeyRingInRedisThatCannotBeReached_Returns503WithRetryAfter()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var closed = ClosedPort.Address();
        await using var gateway = await GatewayServer.StartAsync(backend.Address,
            [("Gateway:Redis:Configuration", $"{closed.Host}:{closed.Port},connectTimeout=500")]);
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/auth/login").AsBrowser());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("cannot reach Redis", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Registers a user on B (the user stores are separate too), then signs in on B with the form A served.</summary>
    private static async Task<HttpResponseMessage> PostFormFromAToBAsync(GatewayServer a, GatewayServer b)
    {
        // One browser: its cookies (the antiforgery one included) go to both, which differ only by port.
        var cookies = new CookieContainer();
        using var onA = a.CreateClient(cookies);
        using var onB = b.CreateClient(cookies);
        var user = await TestUsers.RegisterAsync(b.CreateClient());
        var token = await Forms.AntiforgeryTokenAsync(onA, "/auth/login");

        return await Forms.PostWithTokenAsync(onB, "/auth/login", token,
            ("username", user.Username), ("password", TestUsers.Password));
    }
}
