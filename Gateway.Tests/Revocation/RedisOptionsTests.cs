using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Revocation;

/// <summary>A bad Gateway:Redis setting stops start-up with a message that names it (and never echoes a password).</summary>
public sealed class RedisOptionsTests
{
    [Theory]
    [InlineData("Gateway:Redis:KeyPrefix", "gate*way:", "Gateway:Redis:KeyPrefix")]
    [InlineData("Gateway:Redis:MaxStaleness", "00:00:00", "Gateway:Redis:MaxStaleness")]
    [InlineData("Gateway:Redis:Configuration", "abortConnect=false", "names no server")]
    public async Task Startup_InvalidRedisSetting_FailsNamingTheSetting(string key, string value, string expected)
    {
        var settings = RedisFixture.Settings(ClosedPort.Address().Authority, "gateway:", (key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => GatewayServer.StartAsync(ClosedPort.Address(), settings));

        Assert.Contains(expected, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_UnparsableConfiguration_FailsWithoutEchoingThePassword()
    {
        var settings = RedisFixture.Settings("127.0.0.1:1,password=hunter2-secret,connectTimeout=soon", "gateway:");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => GatewayServer.StartAsync(ClosedPort.Address(), settings));

        var message = string.Join(" ", error.Failures);
        Assert.Contains("Gateway:Redis:Configuration", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", message, StringComparison.Ordinal);
    }
}
