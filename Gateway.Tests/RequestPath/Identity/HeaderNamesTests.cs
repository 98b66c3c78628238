using Gateway.RequestPath.Identity;

namespace Gateway.Tests.RequestPath.Identity;

public sealed class HeaderNamesTests
{
    [Theory]
    [InlineData("X-User-Id")]
    [InlineData("x-user-id")]
    [InlineData("X-USER-ID")]
    [InlineData("X_User_Id")]
    [InlineData("x_user_id")]
    [InlineData("X.User.Id")]
    [InlineData("x.user.id")]
    [InlineData("X-User_Id")]
    [InlineData("X--User--Id")]
    [InlineData("-X-User-Id-")]
    [InlineData("XUserId")]
    public void SameForBackends_SpellingOfUserIdHeader_IsTrue(string spelling)
    {
        Assert.True(HeaderNames.SameForBackends(spelling, "X-User-Id"));
        Assert.True(HeaderNames.SameForBackends("X-User-Id", spelling));
    }

    [Theory]
    [InlineData("X-User-Ids")]
    [InlineData("X-User")]
    [InlineData("X-User-Name")]
    [InlineData("User-Id")]
    [InlineData("X-Usr-Id")]
    [InlineData("")]
    [InlineData("---")]
    public void SameForBackends_OtherHeader_IsFalse(string other) =>
        Assert.False(HeaderNames.SameForBackends(other, "X-User-Id"));
}
