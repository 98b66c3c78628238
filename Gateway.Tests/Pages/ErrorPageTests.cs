using System.Net;
using Gateway.RequestPath.Token;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Pages;

/// <summary>The gateway's own error pages for browsers: backend down (502), forbidden (403), unknown /auth path (404).</summary>
public sealed class ErrorPageTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task BackendDown_ForBrowserGet_ShowsUnreachablePageWithRetryLink()
    {
        await using var gateway = await GatewayServer.StartAsync(ClosedPort.Address());
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(BrowserGet("/?tab=1"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("<h1>The application is unreachable</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Error 502", html, StringComparison.Ordinal);
        Assert.Contains("""<a class="button primary" href="/?tab=1">Try again</a>""", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_ForBrowser_ShowsNoAccessPage()
    {
        using var scope = fixture.Gateway.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Accept = "text/html";
        context.Response.Body = new MemoryStream();

        await scope.ServiceProvider.GetRequiredService<ChallengeResponses>().ForbiddenAsync(context);

        context.Response.Body.Position = 0;
        var html = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Contains("<h1>You don&#x27;t have access to this page</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Error 403", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Try again", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAuthPath_WhenSignedIn_ShowsNotFoundPageInsteadOfProxying()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        await TestUsers.LoginAsync(client, user.Username);

        using var response = await client.SendAsync(BrowserGet("/auth/settings"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAuthPath_ForApiCaller_AnswersJsonNotFound()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync("/auth/settings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private static HttpRequestMessage BrowserGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        return request;
    }
}
