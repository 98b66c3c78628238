using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>The sample backend's own "Sign out" button: a fetch with X-Requested-With, no gateway form involved.</summary>
[Collection(ChromiumTests.Name)]
public sealed class ScriptSignOutTests(ChromiumFixture chromium, GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task SignOutButton_OnBackendPage_LandsSignedOutAndEndsTheSession()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await SignInForms.RegisterFromProtectedPageAsync(page, TestUsers.UniqueName("edsger"), "Edsger Dijkstra", TestUsers.Password);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, Edsger Dijkstra!");
        var token = Assert.Single(await tab.Context.CookiesAsync(), cookie => cookie.Name == "gateway_token").Value;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/auth/login\\?reason=logged_out$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have been signed out.");
        Assert.DoesNotContain(await tab.Context.CookiesAsync(), cookie => cookie.Name == "gateway_token");
        using var api = fixture.Gateway.CreateClientWithoutCookieJar();
        using var reuse = await api.SendAsync(Requests.Get("/auth/me").WithBearer(token));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, reuse.StatusCode);
        await page.GotoAsync("/hello");
        await Expect(page).ToHaveURLAsync(new Regex("/auth/login\\?returnUrl=%2Fhello$"));
    }
}
