using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Pages;

public sealed partial class TemplateFolderTests(TemplateFolderFixture fixture) : IClassFixture<TemplateFolderFixture>
{
    [Fact]
    public async Task LoginPage_WithOperatorTemplate_ServesItInsideBuiltInLayout()
    {
        using var client = fixture.Gateway.CreateClient();

        var html = await GetPageAsync(client, "/auth/login?returnUrl=%2Fhello");

        Assert.Contains(TemplateFolderFixture.Marker, html, StringComparison.Ordinal);
        Assert.Contains("<label>Staff id", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Acme Intranet</h1>", html, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="returnUrl" value="/hello">""", html, StringComparison.Ordinal);
        // The layout is still the built-in one: stylesheet, title, logo.
        Assert.Contains("<title>Sign in · Acme Intranet</title>", html, StringComparison.Ordinal);
        Assert.Matches("""<link rel="stylesheet" href="/auth/assets/gateway.css\?v=[0-9a-f]{12}">""", html);
        Assert.Contains("""<img class="logo" src="/auth/assets/logo.svg" alt="">""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterPage_WithoutOperatorTemplate_FallsBackToBuiltIn()
    {
        using var client = fixture.Gateway.CreateClient();

        var html = await GetPageAsync(client, "/auth/register");

        Assert.Contains("<h1>Create an account</h1>", html, StringComparison.Ordinal);
        Assert.Contains("""autocomplete="new-password" """, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TemplateFolderFixture.Marker, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_WithTemplateFolder_ServeOperatorFileAndFallBackForOthers()
    {
        using var client = fixture.Gateway.CreateClient();

        using var logo = await client.GetAsync("/auth/assets/logo.svg");
        using var css = await client.GetAsync("/auth/assets/gateway.css");

        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TemplateFolderFixture.LogoSvg, await logo.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("prefers-color-scheme: dark", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_OperatorStylesheet_ReplacesBuiltInAndTheAssetVersion()
    {
        const string Stylesheet = "body { color: #0f766e; }";
        var folder = TempFolder.Create("templates");
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        await File.WriteAllTextAsync(Path.Combine(folder, "assets", "gateway.css"), Stylesheet);
        await File.WriteAllTextAsync(Path.Combine(folder, "assets", "notes.txt"), "not an asset");
        await File.WriteAllTextAsync(Path.Combine(folder, "assets", "page.html"), "<p>not an asset</p>");
        await using var gateway = await GatewayServer.StartAsync(
            ClosedPort.Address(), settings: [("Gateway:Pages:TemplatePath", folder)]);
        using var client = gateway.CreateClient();

        using var css = await client.GetAsync("/auth/assets/gateway.css");
        using var js = await client.GetAsync("/auth/assets/gateway.js");
        using var notes = await client.GetAsync("/auth/assets/notes.txt");
        using var page = await client.GetAsync("/auth/assets/page.html");
        var html = await GetPageAsync(client, "/auth/login");
        var builtInHtml = await GetPageAsync(fixture.Gateway.CreateClient(), "/auth/login");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(Stylesheet, await css.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        // The version in page links is the hash of the stylesheet and the script as served.
        byte[] served = [.. await css.Content.ReadAsByteArrayAsync(), .. await js.Content.ReadAsByteArrayAsync()];
        var version = Convert.ToHexStringLower(SHA256.HashData(served))[..12];
        Assert.Contains($"/auth/assets/gateway.css?v={version}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(version, builtInHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorLoginTemplate_WhenSubmitted_SignsInAndReturns()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(fixture.Gateway.CreateClient());
        var html = await GetPageAsync(client, "/auth/login?returnUrl=%2Fhello");
        var csrf = CsrfField().Match(html);
        Assert.True(csrf.Success, "The operator's template rendered no antiforgery field.");

        using var response = await client.SendAsync(Requests.Post("/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [csrf.Groups["name"].Value] = csrf.Groups["value"].Value,
            ["returnUrl"] = "/hello",
            ["username"] = user.Username,
            ["password"] = TestUsers.Password,
        })).AsBrowser());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/hello", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Startup_WithMissingTemplateFolder_FailsNamingTheSetting()
    {
        var missing = Path.Combine(fixture.Folder, "no-such-folder");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayServer.StartAsync(ClosedPort.Address(), settings: [("Gateway:Pages:TemplatePath", missing)]));

        Assert.Contains("Gateway:Pages:TemplatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> GetPageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__csrf)" value="(?<value>[^"]+)">""")]
    private static partial Regex CsrfField();
}
