using Gateway.RequestPath.Identity;

namespace Gateway.Tests.RequestPath.Identity;

public sealed class IdentityForwardingTests
{
    [Theory]
    [InlineData("Alice Smith", "Alice Smith")]
    [InlineData("Zoë", "Zo%C3%AB")]
    [InlineData("a\r\nX-User-Id: 1", "a%0D%0AX-User-Id%3A%201")]
    [InlineData("名前", "%E5%90%8D%E5%89%8D")]
    [InlineData("Zo%C3%AB", "Zo%25C3%25AB")]
    [InlineData("100% Bob", "100%25%20Bob")]
    public void HeaderSafe_Name_IsPrintableAscii(string name, string expected) =>
        Assert.Equal(expected, IdentityForwarding.HeaderSafe(name));

    [Theory]
    [InlineData("Alice Smith")]
    [InlineData("Zoë")]
    [InlineData("Zo%C3%AB")]
    [InlineData("Eve%0D%0AX-User-Id: admin")]
    [InlineData("a+b %2 %zz %")]
    [InlineData("名前")]
    public void HeaderSafe_AnyName_PercentDecodesBackExactly(string name) =>
        Assert.Equal(name, Uri.UnescapeDataString(IdentityForwarding.HeaderSafe(name)));
}
