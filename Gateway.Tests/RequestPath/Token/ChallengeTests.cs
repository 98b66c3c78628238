using System.Net;

using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>A protected route without a token: browsers are sent to sign in, everything else gets a 401 in JSON.</summary>
public sealed class ChallengeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ProtectedGet_BrowserWithoutToken_Redirects302ToLoginWithReturnUrl()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/hello?a=1&b=two%20words").AsBrowser());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var redirect = LoginRedirect.Parse(response);
        Assert.Equal("/auth/login", redirect.Path);
        Assert.Equal("/hello?a=1&b=two%20words", redirect.ReturnUrl);
        Assert.Null(redirect.Reason);
    }

    [Fact]
    public async Task ProtectedHead_BrowserWithoutToken_Redirects302()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/hello").AsBrowser());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/hello", LoginRedirect.Parse(response).ReturnUrl);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task ProtectedUnsafeMethod_BrowserWithoutToken_Redirects303(string method)
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/orders/7").AsBrowser());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/orders/7", LoginRedirect.Parse(response).ReturnUrl);
    }

    [Fact]
    public async Task ProtectedGet_ApiWithoutToken_Returns401JsonWithBearerChallenge()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/api/whoami").AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task ProtectedGet_NoAcceptHeader_Returns401()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync("/api/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ProtectedGet_XhrAcceptingHtml_Returns401InsteadOfRedirect()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(
            Requests.Get("/hello").AsBrowser().WithHeader("X-Requested-With", "XMLHttpRequest"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task RouteWithoutPolicy_ValidToken_IsForwarded()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/anything/at/all").WithBearer(TestTokens.Valid("someone")));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal("/anything/at/all", echoed.Path);
        Assert.Equal("someone", echoed.Header("X-User-Id"));
    }
}
