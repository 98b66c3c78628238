using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Policies;

/// <summary>Routes naming a Gateway:Policies policy: any of its roles passes; a signed-in user without one gets 403.</summary>
public sealed class RoutePolicyTests(RoutePolicyFixture fixture) : IClassFixture<RoutePolicyFixture>
{
    [Theory]
    [InlineData("/staff/page", "editor")]
    [InlineData("/staff/page", "admin")]
    [InlineData("/admins/page", "admin")]
    [InlineData("/builtin/page", "admin")]
    [InlineData("/any/page", "reader")]
    public async Task PolicyRoute_UserWithARole_IsForwarded(string path, string role)
    {
        using var response = await SendAsync(Requests.Get(path).AsApi(), WithRoles(role, "other"));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal(path, echoed.Path);
    }

    [Theory]
    [InlineData("/staff/page")]
    [InlineData("/admins/page")]
    [InlineData("/builtin/page")]
    public async Task PolicyRoute_ApiCallerWithoutTheRole_Gets403Json(string path)
    {
        using var response = await SendAsync(Requests.Get(path).AsApi(), WithRoles("reader"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task PolicyRoute_EditorOnAdminsRoute_Gets403()
    {
        using var response = await SendAsync(Requests.Get("/admins/page").AsApi(), WithRoles("editor"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PolicyRoute_BrowserWithoutTheRole_Gets403Page()
    {
        using var response = await SendAsync(Requests.Get("/staff/page").AsBrowser(), TestTokens.Valid());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("have access to this page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyRoute_BrowserWithoutToken_IsSentToSignIn()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/staff/page?x=1").AsBrowser());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/auth/login?returnUrl=%2Fstaff%2Fpage%3Fx%3D1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PolicyRoute_ApiCallerWithoutToken_Gets401()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/admins/page").AsApi());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task AnonymousRoute_WithoutToken_IsStillPublic()
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/public/page").AsApi());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string WithRoles(params string[] roles) => TestTokens.Sign(d => d.Claims["roles"] = roles);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string token)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        using (request)
        {
            return await client.SendAsync(request.WithBearer(token));
        }
    }
}
