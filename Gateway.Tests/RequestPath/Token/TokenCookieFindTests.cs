using Gateway.RequestPath.Token;
using Microsoft.Extensions.Primitives;

namespace Gateway.Tests.RequestPath.Token;

public sealed class TokenCookieFindTests
{
    [Theory]
    [InlineData("gateway_token=abc", "abc")]
    [InlineData("a=1; gateway_token=abc; b=2", "abc")]
    [InlineData("a=1;gateway_token = abc ;b=2", "abc")]
    [InlineData("gateway_token=\"abc\"", "abc")]
    [InlineData("GATEWAY_TOKEN=evil; gateway_token=abc", "abc")]
    [InlineData("gateway_token=abc; Gateway_Token=evil", "abc")]
    [InlineData("gateway_token2=evil; my_gateway_token=evil; gateway_token=abc", "abc")]
    [InlineData("gateway_token=", "")]
    public void Find_OneCookieOfTheExactName_IsItsValue(string header, string expected)
    {
        Assert.Equal(CookieCount.One, TokenCookies.Find(new StringValues(header), "gateway_token", out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GATEWAY_TOKEN=abc")]
    [InlineData("gateway_token")]
    [InlineData("session=gateway_token=abc")]
    public void Find_NoCookieOfTheExactName_IsNone(string header)
    {
        Assert.Equal(CookieCount.None, TokenCookies.Find(new StringValues(header), "gateway_token", out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("gateway_token=a; gateway_token=b")]
    [InlineData("gateway_token=a; gateway_token=a")]
    [InlineData("gateway_token=; gateway_token=b")]
    public void Find_SeveralCookiesOfTheExactName_IsSeveral(string header)
    {
        Assert.Equal(CookieCount.Several, TokenCookies.Find(new StringValues(header), "gateway_token", out var value));
        Assert.Null(value);
    }

    [Fact]
    public void Find_OneCookieInEachOfTwoHeaders_IsSeveral() =>
        Assert.Equal(CookieCount.Several, TokenCookies.Find(new StringValues(["gateway_token=a", "theme=dark; gateway_token=b"]), "gateway_token", out _));

    [Fact]
    public void Find_CookieInSecondHeader_IsFound()
    {
        Assert.Equal(CookieCount.One, TokenCookies.Find(new StringValues(["theme=dark", "gateway_token=b"]), "gateway_token", out var value));
        Assert.Equal("b", value);
    }
}
