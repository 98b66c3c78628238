using Gateway.RequestPath.Policies;

namespace Gateway.Tests.RequestPath.Policies;

public sealed class RoutePolicyOptionsValidatorTests
{
    [Theory]
    [InlineData("staff")]
    [InlineData("Team.Editors_2-x")]
    public void Validate_GoodPolicy_Succeeds(string name) =>
        Assert.True(Validate(name, "admin", "editor").Succeeded);

    [Theory]
    [InlineData("default", "reserved")]
    [InlineData("Anonymous", "reserved")]
    [InlineData("gateway:admin", "reserved")]
    [InlineData("my policy", "letters, digits")]
    [InlineData("a:b", "letters, digits")]
    public void Validate_BadName_NamesThePolicy(string name, string reason)
    {
        var result = Validate(name, "admin");

        Assert.True(result.Failed);
        Assert.Contains($"Gateway:Policies:{name}", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoRoles_AsksForOne()
    {
        var result = Validate("staff");

        Assert.Contains("Gateway:Policies:staff:Roles must list at least one role", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadRoleName_NamesTheRole()
    {
        var result = Validate("staff", "admin", "Editors!");

        Assert.Contains("Gateway:Policies:staff:Roles", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Editors!", result.FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string name, params string[] roles)
    {
        var options = new RoutePolicyOptions();
        options.Policies[name] = new RoutePolicy { Roles = [.. roles] };
        return new RoutePolicyOptionsValidator().Validate(null, options);
    }
}
