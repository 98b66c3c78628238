using Gateway.Hosting.TrustedProxies;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting.TrustedProxies;

public sealed class TrustedProxyOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(string[]? proxies = null, string[]? networks = null) =>
        new TrustedProxyOptionsValidator().Validate(null, new TrustedProxyOptions
        {
            KnownProxies = proxies ?? [],
            KnownNetworks = networks ?? [],
        });

    [Fact]
    public void Validate_NothingConfigured_SucceedsAndTrustsNobody()
    {
        Assert.True(Validate().Succeeded);
        Assert.False(new TrustedProxyOptions().Enabled);
    }

    [Fact]
    public void Validate_AddressesAndNetworks_Succeeds()
    {
        var result = Validate(["10.0.0.5", "fd00::5", ""], ["10.0.0.0/8", "fd00::/8", "192.168.1.0/24"]);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("10.0.0.300")]
    [InlineData("lb.internal")]
    [InlineData("10.0.0.0/8")]
    public void Validate_ProxyThatIsNoAddress_FailsNamingIt(string entry)
    {
        var result = Validate(["10.0.0.5", entry]);

        Assert.True(result.Failed);
        Assert.Contains($"Gateway:ForwardedHeaders:KnownProxies:1 (\"{entry}\")", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("fd00::/129")]
    [InlineData("private")]
    public void Validate_NetworkNotInCidrNotation_FailsNamingIt(string entry)
    {
        var result = Validate(networks: [entry]);

        Assert.True(result.Failed);
        Assert.Contains($"Gateway:ForwardedHeaders:KnownNetworks:0 (\"{entry}\")", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    public void Validate_NetworkOfEveryAddress_Fails(string entry)
    {
        var result = Validate(networks: [entry]);

        Assert.True(result.Failed);
        Assert.Contains("trusts every address", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_BadKnownNetwork_StopsNamingTheEntry()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(ClosedPort.Address(),
            [("Gateway:ForwardedHeaders:KnownNetworks:0", "10.0.0.1/8")]));

        Assert.Contains("Gateway:ForwardedHeaders:KnownNetworks:0 (\"10.0.0.1/8\")", error.Message, StringComparison.Ordinal);
    }
}
