using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class ReturnUrlTests
{
    private static readonly string[] GatewayPaths = ["/auth/login", "/auth/logout", "/auth/register"];

    [Theory]
    [InlineData("/")]
    [InlineData("/hello")]
    [InlineData("/hello?tab=2&x=%2F")]
    [InlineData("/a/b/c#section")]
    [InlineData("/auth/account")]
    [InlineData("/auth/loginhelp")]
    public void Sanitize_LocalPath_IsKept(string value) =>
        Assert.Equal(value, ReturnUrl.Sanitize(value, GatewayPaths));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("http:evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/%2f/evil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%252F%252Fevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("/hello\r\nSet-Cookie: x=1")]
    [InlineData("/héllo")]
    public void Sanitize_NotALocalPath_FallsBackToRoot(string? value) =>
        Assert.Equal("/", ReturnUrl.Sanitize(value, GatewayPaths));

    [Fact]
    public void Sanitize_VeryLongPath_FallsBackToRoot() =>
        Assert.Equal("/", ReturnUrl.Sanitize("/" + new string('a', 5000), GatewayPaths));

    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/login?returnUrl=/x")]
    [InlineData("/auth/login/")]
    [InlineData("/AUTH/LOGIN")]
    [InlineData("/auth/./login")]
    [InlineData("/x/../auth/login")]
    [InlineData("/auth/%6Cogin")]
    [InlineData("/auth/logout")]
    [InlineData("/auth/register?returnUrl=%2F")]
    public void Sanitize_GatewaySignInOrOutPath_FallsBackToRoot(string value) =>
        Assert.Equal("/", ReturnUrl.Sanitize(value, GatewayPaths));

    [Theory]
    [InlineData("/hello", true)]
    [InlineData("//evil.example", false)]
    [InlineData("https://evil.example", false)]
    public void IsLocal_Value_TellsLocalPaths(string value, bool expected) =>
        Assert.Equal(expected, ReturnUrl.IsLocal(value));
}
