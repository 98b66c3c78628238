using Gateway.Accounts;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Accounts;

public sealed class RequestOriginTests
{
    [Theory]
    [InlineData("http", "gateway.test", "http://gateway.test")]
    [InlineData("http", "gateway.test:8080", "http://gateway.test:8080")]
    [InlineData("http", "Gateway.Test", "http://gateway.test")]
    [InlineData("https", "gateway.test", "https://gateway.test")]
    // TLS ended in front of the gateway: the browser is on https, the gateway sees http.
    [InlineData("http", "gateway.test", "https://gateway.test")]
    [InlineData("http", "gateway.test:8443", "https://gateway.test:8443")]
    public void IsForeign_OwnOrigin_IsFalse(string scheme, string host, string origin) =>
        Assert.False(RequestOrigin.IsForeign(Request(scheme, host, origin)));

    [Theory]
    [InlineData("http", "gateway.test", "http://evil.example")]
    [InlineData("http", "gateway.test", "http://sub.gateway.test")]
    [InlineData("http", "gateway.test", "http://gateway.test:8080")]
    [InlineData("http", "gateway.test:8080", "http://gateway.test")]
    [InlineData("http", "gateway.test:8080", "http://gateway.test:8081")]
    // A plain-http page (anyone on the network can write one) posting to the https gateway.
    [InlineData("https", "gateway.test", "http://gateway.test")]
    [InlineData("http", "gateway.test", "null")]
    [InlineData("http", "gateway.test", "http://gateway.test/path")]
    [InlineData("http", "gateway.test", "not an origin")]
    public void IsForeign_OtherOrigin_IsTrue(string scheme, string host, string origin) =>
        Assert.True(RequestOrigin.IsForeign(Request(scheme, host, origin)));

    [Fact]
    public void IsForeign_NoOriginNoFetchMetadata_IsFalse() =>
        Assert.False(RequestOrigin.IsForeign(Request("http", "gateway.test", origin: null)));

    [Theory]
    [InlineData("cross-site", true)]
    [InlineData("same-site", true)]
    [InlineData("same-origin", false)]
    [InlineData("none", false)]
    public void IsForeign_FetchMetadata_DecidesWithoutOrigin(string site, bool foreign)
    {
        var request = Request("http", "gateway.test", origin: null);
        request.Headers["Sec-Fetch-Site"] = site;

        Assert.Equal(foreign, RequestOrigin.IsForeign(request));
    }

    [Theory]
    [InlineData("https://gateway.test", null, "https")]
    [InlineData("http://gateway.test", "https://gateway.test/auth/login", "http")]
    [InlineData(null, "https://gateway.test/auth/login", "https")]
    [InlineData("null", "http://gateway.test/auth/login", "http")]
    [InlineData(null, null, null)]
    [InlineData("http://other.example", "http://gateway.test/auth/login", null)]
    public void BrowserScheme_OriginThenReferer(string? origin, string? referer, string? scheme)
    {
        var request = Request("http", "gateway.test", origin);
        if (referer is not null)
        {
            request.Headers.Referer = referer;
        }

        Assert.Equal(scheme, RequestOrigin.BrowserScheme(request));
    }

    private static HttpRequest Request(string scheme, string host, string? origin)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = scheme;
        request.Host = new HostString(host);
        if (origin is not null)
        {
            request.Headers.Origin = origin;
        }

        return request;
    }
}
