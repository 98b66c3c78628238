using Gateway.Proxy;

namespace Gateway.Tests.Proxy;

public sealed class IdentityForwardingTests
{
    [Theory]
    [InlineData("Alice Smith", "Alice Smith")]
    [InlineData("Zoë", "Zo%C3%AB")]
    [InlineData("a\r\nX-User-Id: 1", "a%0D%0AX-User-Id%3A%201")]
    [InlineData("名前", "%E5%90%8D%E5%89%8D")]
    public void HeaderSafe_Name_IsPrintableAscii(string name, string expected) =>
        Assert.Equal(expected, IdentityForwarding.HeaderSafe(name));
}
