using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration.Cli;

/// <summary>With Redis configured, what the command line ends is published before it exits, or it says it was not.</summary>
public sealed class UsersCommandRedisTests
{
    [Fact]
    public async Task Disable_WithRedis_PublishesTheCutOffBeforeExiting()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var backend = await SampleBackendServer.StartAsync();
        var settings = new[] { ("Gateway:Redis:Configuration", redis.Configuration) };
        string token;
        string username;
        await using (var gateway = await GatewayServer.StartAsync(backend.Address, settings))
        {
            using var client = gateway.CreateClient();
            username = (await TestUsers.RegisterAsync(client)).Username;
            token = await TestUsers.LoginAsync(client, username);

            var disable = await GatewayCli.For(gateway).RunAsync(
                "users", "disable", username, "--Gateway:Redis:Configuration", redis.Configuration);
            Assert.True(disable is { ExitCode: 0, Error: "" }, disable.ToString());
        }

        // A new instance with a user store of its own can only have learnt the cut-off from Redis.
        await using var other = await GatewayServer.StartAsync(backend.Address, settings);
        using var otherClient = other.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami").WithBearer(token);
        using var response = await otherClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Disable_RedisUnreachable_StoresTheChangeAndWarnsInOneLine()
    {
        var cli = await GatewayCli.CreateAsync();
        Assert.Equal(0, (await cli.RunWithInputAsync(TestUsers.Password, "users", "add", "bob", "--password-stdin")).ExitCode);
        var redis = ClosedPort.Address();

        var disable = await cli.RunAsync(
            "users", "disable", "bob", "--Gateway:Redis:Configuration", $"{redis.Host}:{redis.Port},connectTimeout=500");

        Assert.Equal(0, disable.ExitCode);
        var warning = Assert.Single(disable.ErrorLines);
        Assert.StartsWith("warning: Redis could not be reached", warning, StringComparison.Ordinal);
        Assert.Contains("disabled", (await cli.RunAsync("users", "list")).Output, StringComparison.Ordinal);
    }
}
