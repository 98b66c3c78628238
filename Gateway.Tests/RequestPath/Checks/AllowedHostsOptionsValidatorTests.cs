using Gateway.RequestPath.Checks;
using Microsoft.Extensions.Hosting.Internal;

namespace Gateway.Tests.RequestPath.Checks;

public sealed class AllowedHostsOptionsValidatorTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Validate_UnsetOutsideDevelopment_FailsNamingTheSetting(string environment)
    {
        var result = Validate(environment);

        Assert.True(result.Failed);
        Assert.Contains("Gateway:AllowedHosts", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnsetInDevelopment_Succeeds() => Assert.True(Validate("Development").Succeeded);

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("app.example.com:443")]
    [InlineData("app.*.com")]
    [InlineData("")]
    [InlineData("app example")]
    public void Validate_NotAHostName_FailsQuotingIt(string host)
    {
        var result = Validate("Production", "localhost", host);

        Assert.True(result.Failed);
        Assert.Contains($"\"{host}\"", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HostNamesAddressesAndWildcards_Succeed() =>
        Assert.True(Validate("Production", "app.example.com", "*.apps.example.com", "127.0.0.1", "[::1]", "gateway_a", "*").Succeeded);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, params string[] hosts) =>
        new AllowedHostsOptionsValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new AllowedHostsOptions { AllowedHosts = hosts });
}
