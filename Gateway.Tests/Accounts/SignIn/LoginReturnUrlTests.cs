using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts.SignIn;

/// <summary>The login form's returnUrl, end to end: only a local path is honoured, and never the sign-in pages themselves.</summary>
public sealed class LoginReturnUrlTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("/auth/login")]
    [InlineData("/auth/login?returnUrl=%2Fhello")]
    [InlineData("/auth/./logout")]
    [InlineData("/AUTH/LOGOUT")]
    [InlineData("/auth/register")]
    public async Task LoginForm_UnsafeReturnUrl_RedirectsToRoot(string returnUrl)
    {
        using var response = await LoginAsync(returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/hello")]
    [InlineData("/orders/7?tab=items#top")]
    [InlineData("/auth/account")]
    public async Task LoginForm_LocalReturnUrl_RedirectsThere(string returnUrl)
    {
        using var response = await LoginAsync(returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    [InlineData("%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task LoginPage_UnsafeReturnUrlInQuery_FormCarriesRoot(string encodedReturnUrl)
    {
        using var client = fixture.Gateway.CreateClient();

        var html = await client.GetStringAsync($"/auth/login?returnUrl={encodedReturnUrl}");

        Assert.Contains("name=\"returnUrl\" value=\"/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> LoginAsync(string returnUrl)
    {
        var user = await fixture.SharedUserAsync();
        using var client = fixture.Gateway.CreateClient();
        return await Forms.PostAsync(client, "/auth/login", "/auth/login",
            ("username", user.Username), ("password", TestUsers.Password), ("returnUrl", returnUrl));
    }
}
