using System.Net;
using System.Text.RegularExpressions;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Pages;

/// <summary>The gateway's own pages: strict security headers, never cached, nothing loaded from elsewhere, every echo encoded.</summary>
public sealed partial class PageSecurityTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string, HttpStatusCode> Pages => new()
    {
        { "/auth/login", HttpStatusCode.OK },
        { "/auth/register", HttpStatusCode.OK },
        { "/auth/logout", HttpStatusCode.OK },
        { "/auth/no-such-page", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Served_CarriesSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get(path).AsBrowser());

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Served_LoadsNothingFromOtherHosts(string path, HttpStatusCode status)
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get(path).AsBrowser());

        Assert.Equal(status, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Empty(ExternalReference().Matches(html));
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/auth/assets/gateway.css", "text/css")]
    [InlineData("/auth/assets/gateway.js", "text/javascript")]
    public async Task Asset_Referenced_IsServedByTheGateway(string path, string mediaType)
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task LoginForm_TypedUsernameWithMarkup_IsEchoedEncoded()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", "<script>alert(1)</script>\"><img src=x>"), ("password", "wrong password"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterForm_TypedDisplayNameWithMarkup_IsEchoedEncoded()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await Forms.PostAsync(client, "/auth/register", "/auth/register",
            ("username", TestUsers.UniqueName("xss")), ("displayName", "<b onmouseover=alert(1)>x</b>"), ("password", "short"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b onmouseover=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_UnknownReason_IsNotEchoed()
    {
        using var client = fixture.Gateway.CreateClient();

        var html = await client.GetStringAsync("/auth/login?reason=%3Cmarquee%3Epwned");

        Assert.DoesNotContain("pwned", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_Served_HasAntiforgeryFieldAndCookieScopedToGatewayPaths()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/auth/login").AsBrowser());

        Assert.Contains("name=\"__csrf\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var cookie = SetCookies.Find(response, "gateway_csrf");
        Assert.NotNull(cookie);
        var attributes = SetCookies.Attributes(cookie);
        Assert.Contains("path=/auth", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    // src/href/action pointing at a scheme or a scheme-relative host.
    [GeneratedRegex("""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
