using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Pages;

public sealed class PageHeadersTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/register")]
    [InlineData("/auth/logout")]
    public async Task GatewayPage_Always_SendsStrictSecurityHeaders(string path)
    {
        using var client = fixture.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData("expired", "Your session has expired, please sign in again.")]
    [InlineData("logged_out", "You have been signed out.")]
    public async Task LoginPage_WithReason_ShowsItsMessage(string reason, string message)
    {
        using var client = fixture.Gateway.CreateClient();

        var html = await client.GetStringAsync($"/auth/login?reason={reason}");

        Assert.Contains($"""<p class="notice" role="status">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(message)}</p>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_WithUnknownReason_ShowsNoMessage()
    {
        using var client = fixture.Gateway.CreateClient();

        var html = await client.GetStringAsync("/auth/login?reason=%3Cscript%3E");

        Assert.DoesNotContain("class=\"notice\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
