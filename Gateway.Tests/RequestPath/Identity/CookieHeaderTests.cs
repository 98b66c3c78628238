using Gateway.RequestPath.Identity;
using Microsoft.Extensions.Primitives;

namespace Gateway.Tests.RequestPath.Identity;

public sealed class CookieHeaderTests
{
    private static readonly string[] GatewayCookies = ["gateway_token", "gateway_token_exp", "gateway_csrf"];

    [Theory]
    [InlineData("gateway_token=abc", "")]
    [InlineData("a=1; gateway_token=abc; b=2", "a=1; b=2")]
    [InlineData("gateway_token=abc; gateway_token_exp=123; gateway_csrf=x; theme=dark", "theme=dark")]
    [InlineData("a=1;gateway_token=abc;b=2", "a=1; b=2")]
    [InlineData("a=1;  gateway_token =abc ;b=2", "a=1; b=2")]
    [InlineData("gateway_token", "")]
    [InlineData("gateway_token=; a=1", "a=1")]
    [InlineData("gateway_token=a; gateway_token=b; c=3", "c=3")]
    [InlineData("Gateway_Token=tossed; GATEWAY_TOKEN_EXP=1; Gateway_CSRF=x; c=3", "c=3")]
    public void Without_GatewayCookies_RemovesExactlyThem(string header, string expected) =>
        Assert.Equal(expected, CookieHeader.Without(new StringValues(header), GatewayCookies));

    [Fact]
    public void Without_SeveralHeaders_FiltersEachAndJoinsWithSemicolons() =>
        Assert.Equal("theme=dark; lang=en", CookieHeader.Without(
            new StringValues(["theme=dark", "gateway_token=abc; lang=en", "gateway_csrf=x"]), GatewayCookies));

    [Theory]
    [InlineData("gateway_token2=keep; my_gateway_token=keep")]
    [InlineData("session=gateway_token")]
    [InlineData("a=1; b=2")]
    public void Without_OtherCookies_KeepsThem(string header) =>
        Assert.Equal(header, CookieHeader.Without(new StringValues(header), GatewayCookies));

    [Fact]
    public void Without_EmptyHeader_IsEmpty() =>
        Assert.Equal("", CookieHeader.Without(StringValues.Empty, GatewayCookies));
}
