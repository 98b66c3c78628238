using Gateway.RequestPath.Token;

namespace Gateway.Tests.RequestPath.Token;

public sealed class TokenCookieStorageTests
{
    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("app.example.com", "example.com", true)]
    [InlineData("app.example.com", ".example.com", true)]
    [InlineData("App.Example.COM", "example.com", true)]
    [InlineData("a.b.example.com", "example.com", true)]
    [InlineData("badexample.com", "example.com", false)]
    [InlineData("example.com", "app.example.com", false)]
    [InlineData("example.org", "example.com", false)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("10.0.0.1", "0.0.1", false)]
    public void DomainMatches_Rfc6265(string host, string domain, bool matches) =>
        Assert.Equal(matches, TokenCookieStorage.DomainMatches(host, domain));
}
