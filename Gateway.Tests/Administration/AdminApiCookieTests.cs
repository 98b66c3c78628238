using System.Net;
using System.Text;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration;

/// <summary>
/// With the cookie, the admin API reads freely, but changes state only for this site's scripts: X-Requested-With or a
/// JSON body, and no foreign Origin. A cross-site form or image carries the cookie and nothing else.
/// </summary>
public sealed class AdminApiCookieTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    [Fact]
    public async Task ListUsers_WithAdminCookie_Is200()
    {
        using var client = await AdminBrowserAsync();

        using var response = await client.SendAsync(Requests.Get("/auth/admin/api/users").AsApi());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Disable_WithCookieOnly_Is403AndChangesNothing()
    {
        using var client = await AdminBrowserAsync();
        var user = await fixture.CreateAsync();

        using var response = await client.SendAsync(Requests.Post($"/auth/admin/api/users/{user.Id}/disable").AsApi());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross_site_request", await response.ErrorCodeAsync());
        Assert.False((await fixture.FindAsync(user.Id)).Disabled);
    }

    [Fact]
    public async Task Disable_CrossSiteFormPost_Is403AndChangesNothing()
    {
        using var client = await AdminBrowserAsync();
        var user = await fixture.CreateAsync();

        using var response = await client.SendAsync(Requests
            .Post($"/auth/admin/api/users/{user.Id}/disable", new FormUrlEncodedContent([]))
            .AsBrowser()
            .WithHeader("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await fixture.FindAsync(user.Id)).Disabled);
    }

    [Fact]
    public async Task Disable_WithCookieAndXRequestedWith_Is200()
    {
        using var client = await AdminBrowserAsync();
        var user = await fixture.CreateAsync();

        using var response = await client.SendAsync(Requests.Post($"/auth/admin/api/users/{user.Id}/disable")
            .WithHeader("X-Requested-With", "XMLHttpRequest")
            .WithHeader("Origin", fixture.Gateway.Address.GetLeftPart(UriPartial.Authority)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await fixture.FindAsync(user.Id)).Disabled);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    public async Task SetRoles_WithCookieJsonAndForeignOrigin_Is403(string origin)
    {
        using var client = await AdminBrowserAsync();
        var user = await fixture.CreateAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/auth/admin/api/users/{user.Id}/roles")
        {
            Content = new StringContent("{\"roles\":[\"editor\"]}", Encoding.UTF8, "application/json"),
        }.WithHeader("Origin", origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await fixture.FindAsync(user.Id)).Roles);
    }

    [Fact]
    public async Task SetRoles_WithCookieAndJsonFromThisSite_Is200()
    {
        using var client = await AdminBrowserAsync();
        var user = await fixture.CreateAsync();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/auth/admin/api/users/{user.Id}/roles")
        {
            Content = new StringContent("{\"roles\":[\"editor\"]}", Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["editor"], (await fixture.FindAsync(user.Id)).Roles);
    }

    /// <summary>A client holding an admin's token cookie, as the admin's browser does after signing in.</summary>
    private async Task<HttpClient> AdminBrowserAsync()
    {
        var admin = await fixture.CreateAsync("admin");
        var client = fixture.Gateway.CreateClient();
        await TestUsers.LoginAsync(client, admin.Username);
        return client;
    }
}
