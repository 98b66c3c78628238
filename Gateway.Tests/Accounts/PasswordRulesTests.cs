using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class PasswordRulesTests
{
    private const string Username = "alice.smith";

    [Theory]
    [InlineData("pässwörd")]
    [InlineData("correct horse battery staple")]
    [InlineData("🔑🔒🔑🔒")]
    [InlineData("tab\there!")]
    [InlineData("alice.smith is not my password")]
    public void Problem_EightOrMoreOfAnyCharacters_IsNull(string password) =>
        Assert.Null(PasswordRules.Problem(password, Username));

    [Fact]
    public void Problem_OneHundredTwentyEightCharacters_IsNull() =>
        Assert.Null(PasswordRules.Problem(string.Concat(Enumerable.Repeat("xy", 64)), Username));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    public void Problem_TooShort_SaysWhy(string? password) =>
        Assert.False(string.IsNullOrWhiteSpace(PasswordRules.Problem(password, Username)));

    [Fact]
    public void Problem_OneHundredTwentyNineCharacters_SaysWhy() =>
        Assert.NotNull(PasswordRules.Problem(string.Concat(Enumerable.Repeat("xy", 64)) + "z", Username));

    /// <summary>NIST SP 800-63B section 5.1.1.2: a new password is checked against commonly used and context-specific ones.</summary>
    [Theory]
    [InlineData("password", "one of the most common passwords")]
    [InlineData("PassWord", "one of the most common passwords")]
    [InlineData("12345678", "one of the most common passwords")]
    [InlineData("iloveyou", "one of the most common passwords")]
    [InlineData("QWERTYUIOP", "one of the most common passwords")]
    [InlineData("        ", "one character repeated")]
    [InlineData("xxxxxxxxxxxx", "one character repeated")]
    [InlineData("🔑🔑🔑🔑", "one character repeated")]
    [InlineData("Alice.Smith", "your username")]
    [InlineData("alice.smithALICE.SMITH", "your username")]
    public void Problem_GuessablePassword_SaysWhy(string password, string reason) =>
        Assert.Contains(reason, PasswordRules.Problem(password, Username), StringComparison.Ordinal);

    [Fact]
    public void Problem_ShortUsernameRepeated_SaysItIsTheUsername() =>
        Assert.Contains("your username", PasswordRules.Problem("bobbobbob", "bob"), StringComparison.Ordinal);

    [Fact]
    public void CommonPasswords_ShippedList_HoldsTheWholeList() =>
        Assert.Equal(19_727, CommonPasswords.Count);
}
