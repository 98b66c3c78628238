using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>
/// A response made for a signed-in user must not be stored by a shared cache and handed to the next visitor
/// (RFC 9111 section 5.2.2.7): the gateway marks it private unless the backend chose its own caching, and says it
/// varies by Cookie when the cookie carried the identity. Checked as a client receives the headers.
/// </summary>
public sealed class CachingHeaderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task CookieSession_ResponseWithoutCacheControl_IsPrivateAndVariesByCookie()
    {
        using var response = await SendAsync("/api/whoami", WithCookie());

        Assert.Equal("private", response.Headers.CacheControl?.ToString());
        Assert.Equal(["Cookie"], response.Headers.Vary);
    }

    [Fact]
    public async Task BearerToken_ResponseWithoutCacheControl_IsPrivateWithoutVaryCookie()
    {
        using var response = await SendAsync("/api/whoami", Requests.Get("/api/whoami").WithBearer(TestTokens.Valid()));

        Assert.Equal("private", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("Cookie", response.Headers.Vary);
    }

    [Fact]
    public async Task CookieSession_BackendChoseCaching_KeepsItsCacheControlAndAppendsToVary()
    {
        using var response = await SendAsync("/public/style.css", WithCookie("/public/style.css"));

        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
        Assert.Equal(["Accept-Encoding", "Cookie"], response.Headers.Vary);
    }

    [Fact]
    public async Task Anonymous_PublicRoute_HeadersAsTheBackendSentThem()
    {
        using var page = await SendAsync("/public/page", Requests.Get("/public/page"));
        using var style = await SendAsync("/public/style.css", Requests.Get("/public/style.css"));

        Assert.Null(page.Headers.CacheControl);
        Assert.Empty(page.Headers.Vary);
        Assert.Equal("public, max-age=3600", style.Headers.CacheControl?.ToString());
        Assert.Equal(["Accept-Encoding"], style.Headers.Vary);
    }

    private static HttpRequestMessage WithCookie(string path = "/api/whoami") =>
        Requests.Get(path).WithHeader("Cookie", $"gateway_token={TestTokens.Valid()}");

    private async Task<HttpResponseMessage> SendAsync(string path, HttpRequestMessage request)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return response;
    }
}
