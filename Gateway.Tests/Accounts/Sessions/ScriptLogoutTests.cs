using System.Net;
using System.Text;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>
/// A backend page's own "Sign out" button: fetch('/auth/logout', {method: 'POST', headers: {'X-Requested-With': ...}})
/// ends the cookie session without the form's antiforgery token, but only from the gateway's own origin.
/// </summary>
public sealed class ScriptLogoutTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayServer Gateway => fixture.Gateway;

    private string OwnOrigin => Gateway.Address.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task ScriptLogout_WithHeaderAndNoOrigin_Returns204DeletesCookieAndRevokesToken()
    {
        var (client, token) = await SignedInAsync();
        using (client)
        {
            using var response = await client.SendAsync(Requests.Post("/auth/logout").WithHeader("X-Requested-With", "XMLHttpRequest"));

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            var deleted = SetCookies.Find(response, "gateway_token");
            Assert.NotNull(deleted);
            Assert.Contains("expires=thu, 01 jan 1970 00:00:00 gmt", SetCookies.Attributes(deleted));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await BearerStatusAsync(token));
    }

    [Fact]
    public async Task ScriptLogout_WithAnyHeaderValueAndOwnOrigin_IsAccepted()
    {
        var (client, token) = await SignedInAsync();
        using (client)
        {
            using var response = await client.SendAsync(Requests.Post("/auth/logout").AsApi()
                .WithHeader("X-Requested-With", "fetch")
                .WithHeader("Origin", OwnOrigin)
                .WithHeader("Sec-Fetch-Site", "same-origin"));

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await BearerStatusAsync(token));
    }

    [Fact]
    public async Task ScriptLogout_JsonBody_IsAccepted()
    {
        var (client, token) = await SignedInAsync();
        using (client)
        {
            using var response = await client.SendAsync(Requests.Post("/auth/logout",
                new StringContent("{}", Encoding.UTF8, "application/json")).WithHeader("Origin", OwnOrigin));

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.NotNull(SetCookies.Find(response, "gateway_token"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await BearerStatusAsync(token));
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task ScriptLogout_FromAnotherOrigin_Returns400JsonAndKeepsSession(string header, string value)
    {
        var (client, token) = await SignedInAsync();
        using (client)
        {
            using var response = await client.SendAsync(Requests.Post("/auth/logout")
                .WithHeader("X-Requested-With", "XMLHttpRequest")
                .WithHeader(header, value));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("antiforgery_required", await response.ErrorCodeAsync());
            Assert.Null(SetCookies.Find(response, "gateway_token"));
            using var me = await client.GetAsync("/auth/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await BearerStatusAsync(token));
    }

    [Fact]
    public async Task ScriptLogout_OtherOriginPort_IsRefused()
    {
        var (client, _) = await SignedInAsync();
        using (client)
        {
            using var response = await client.SendAsync(Requests.Post("/auth/logout")
                .WithHeader("X-Requested-With", "XMLHttpRequest")
                .WithHeader("Origin", $"http://127.0.0.1:{Gateway.Address.Port + 1}"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task PlainFormPost_WithoutTokenOrHeader_ShowsThePageAndKeepsSession()
    {
        var (client, _) = await SignedInAsync();
        using (client)
        {
            using var response = await client.SendAsync(Requests.Post("/auth/logout",
                new FormUrlEncodedContent([])).AsBrowser().WithHeader("Origin", OwnOrigin));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Please confirm that you want to sign out.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var me = await client.GetAsync("/auth/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
    }

    [Fact]
    public async Task Preflight_ForScriptLogout_IsNeverGranted()
    {
        // What a cross-site page's fetch with X-Requested-With needs first; without it the browser never sends the POST.
        using var client = Gateway.CreateClientWithoutCookieJar();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/auth/logout")
            .WithHeader("Origin", "https://evil.example")
            .WithHeader("Access-Control-Request-Method", "POST")
            .WithHeader("Access-Control-Request-Headers", "x-requested-with"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    /// <summary>A client holding a fresh session cookie, and the token inside it.</summary>
    private async Task<(HttpClient Client, string Token)> SignedInAsync()
    {
        var user = await fixture.SharedUserAsync();
        var cookies = new CookieContainer();
        var client = Gateway.CreateClient(cookies);
        await TestUsers.LoginAsync(client, user.Username);
        return (client, TestUsers.TokenCookie(cookies, Gateway.Address));
    }

    private async Task<HttpStatusCode> BearerStatusAsync(string token)
    {
        using var api = Gateway.CreateClientWithoutCookieJar();
        using var response = await api.SendAsync(Requests.Get("/auth/me").WithBearer(token));
        return response.StatusCode;
    }
}
