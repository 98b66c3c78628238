using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.Storage;
using Gateway.Tests.Browser;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Accounts.Sessions;

/// <summary>
/// The "Log out" link of docs/migrating-an-app.md, exactly as the page prints it: its HTML in an app's page and its
/// script served as the app's static file, behind the gateway, in Chromium with scripts on and off.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed partial class LogoutRecipeTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Page = "docs/migrating-an-app.md";
    private const string Heading = "### A \"Log out\" link in the app";

    private WebApplication _app = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        var (html, script) = DocumentedRecipe();
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--hostBuilder:reloadConfigOnChange", "false"]);
        _app = builder.Build();
        _app.MapGet("/static/logout.js", () => Results.Text(script, "text/javascript; charset=utf-8"));
        _app.MapGet("/", (HttpRequest request) => Results.Content(
            $"<!doctype html><html><head><title>App</title></head><body><h1>Hello, {WebUtility.HtmlEncode(request.Headers["X-User-Name"])}</h1>\n{html}\n</body></html>",
            "text/html; charset=utf-8"));
        await _app.StartAsync();
        var routes = new JsonObject
        {
            ["static"] = GatewayServer.Route("/static/{**rest}", "anonymous"),
            ["app"] = GatewayServer.Route("{**catch-all}", policy: null),
        };
        _gateway = await GatewayServer.StartAsync(SampleBackendServer.BoundAddress(_app), routes: routes);
    }

    [Fact]
    public async Task LogOutLink_WithScripts_SignsOutInOneClickAndEndsTheSession()
    {
        await using var tab = await chromium.OpenAsync(_gateway.Address);
        var token = await SignUpAsync(tab);

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Log out" }).ClickAsync();

        await Expect(tab.Page).ToHaveURLAsync(new Regex("/auth/login\\?reason=logged_out$"));
        await Expect(tab.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have been signed out.");
        await AssertSignedOutAsync(tab, token);
    }

    [Fact]
    public async Task LogOutLink_WithoutScripts_SignsOutFromTheConfirmationPage()
    {
        await using var tab = await chromium.OpenAsync(_gateway.Address, new TabOptions(JavaScript: false));
        var token = await SignUpAsync(tab);

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Log out" }).ClickAsync();
        await Expect(tab.Page).ToHaveURLAsync(new Regex("/auth/logout$"));
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(tab.Page).ToHaveURLAsync(new Regex("/auth/login\\?reason=logged_out$"));
        await AssertSignedOutAsync(tab, token);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <returns>The HTML and the script under the recipe's heading, as the page prints them.</returns>
    private static (string Html, string Script) DocumentedRecipe()
    {
        var text = RepositoryFile.Read(Page).ReplaceLineEndings("\n");
        var at = text.IndexOf(Heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{Page} has no section '{Heading}'.");
        var section = text[at..];
        var next = section.IndexOf("\n#", Heading.Length, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        var html = CodeBlock().Matches(section).FirstOrDefault(m => m.Groups["lang"].Value == "html");
        var script = CodeBlock().Matches(section).FirstOrDefault(m => m.Groups["lang"].Value == "js");
        Assert.True(html is not null && script is not null, $"The section '{Heading}' of {Page} shows no ```html and ```js blocks.");
        return (html.Groups["code"].Value, script.Groups["code"].Value);
    }

    private static async Task<string> SignUpAsync(BrowserTab tab)
    {
        await tab.Page.GotoAsync("/");
        await SignInForms.FollowCreateAccountLinkAsync(tab.Page);
        await SignInForms.RegisterAsync(tab.Page, TestUsers.UniqueName("logout"), "Lou Out", TestUsers.Password);
        await Expect(SignInForms.Heading(tab.Page)).ToHaveTextAsync("Hello, Lou Out");
        return Assert.Single(await tab.Context.CookiesAsync(), cookie => cookie.Name == "gateway_token").Value;
    }

    private async Task AssertSignedOutAsync(BrowserTab tab, string token)
    {
        Assert.DoesNotContain(await tab.Context.CookiesAsync(), cookie => cookie.Name == "gateway_token");
        using var api = _gateway.CreateClientWithoutCookieJar();
        using var reuse = await api.SendAsync(Requests.Get("/auth/me").WithBearer(token));
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
    }

    [GeneratedRegex("```(?<lang>[a-z]+)\\n(?<code>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
