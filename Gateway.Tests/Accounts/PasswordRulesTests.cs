using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("12345678")]
    [InlineData("        ")]
    [InlineData("pässwörd")]
    [InlineData("correct horse battery staple")]
    [InlineData("🔑🔑🔑🔑")]
    [InlineData("tab\there!")]
    public void Problem_EightOrMoreOfAnyCharacters_IsNull(string password) =>
        Assert.Null(PasswordRules.Problem(password));

    [Fact]
    public void Problem_OneHundredTwentyEightCharacters_IsNull() =>
        Assert.Null(PasswordRules.Problem(new string('x', 128)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    public void Problem_TooShort_SaysWhy(string? password) =>
        Assert.False(string.IsNullOrWhiteSpace(PasswordRules.Problem(password)));

    [Fact]
    public void Problem_OneHundredTwentyNineCharacters_SaysWhy() =>
        Assert.NotNull(PasswordRules.Problem(new string('x', 129)));
}
