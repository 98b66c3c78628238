using Gateway.Storage;

namespace Gateway.Tests.Accounts;

public sealed class UsernameRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("alice")]
    [InlineData("Alice.Smith_2-x@example.com")]
    [InlineData("007")]
    public void Problem_ValidUsername_IsNull(string username) =>
        Assert.Null(UsernameRules.Problem(username));

    [Fact]
    public void Problem_SixtyFourCharacters_IsNull() =>
        Assert.Null(UsernameRules.Problem(new string('a', 64)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("_alice")]
    [InlineData(".alice")]
    [InlineData("@alice")]
    [InlineData("ali ce")]
    [InlineData("alicé")]
    [InlineData("аlice")]
    [InlineData("ali\u0000ce")]
    [InlineData("alice\n")]
    [InlineData("ali<ce>")]
    public void Problem_InvalidUsername_SaysWhy(string? username) =>
        Assert.False(string.IsNullOrWhiteSpace(UsernameRules.Problem(username)));

    [Fact]
    public void Problem_SixtyFiveCharacters_SaysWhy() =>
        Assert.NotNull(UsernameRules.Problem(new string('a', 65)));

    [Fact]
    public void Normalize_DifferentCase_IsSameKey() =>
        Assert.Equal(UsernameRules.Normalize("Alice.SMITH"), UsernameRules.Normalize("alice.smith"));
}
