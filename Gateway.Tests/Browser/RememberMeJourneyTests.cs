using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>"Keep me signed in" across a browser restart: a new context holding only the cookies a browser keeps on disk.</summary>
[Collection(ChromiumTests.Name)]
public sealed class RememberMeJourneyTests(ChromiumFixture chromium, GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task KeepMeSignedIn_BrowserRestarted_StillSignedIn()
    {
        var persistent = await SignInAndCloseAsync(keepSignedIn: true, "Kept Signed In");

        await using var reopened = await ReopenAsync(persistent);
        await reopened.Page.GotoAsync("/hello");

        await Expect(SignInForms.Heading(reopened.Page)).ToHaveTextAsync("Hello, Kept Signed In!");
        await reopened.Page.GotoAsync("/auth/account");
        await Expect(reopened.Page.GetByText("You are kept signed in on this device until")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WithoutKeepMeSignedIn_BrowserRestarted_SignedOut()
    {
        var persistent = await SignInAndCloseAsync(keepSignedIn: false, "Not Kept");

        await using var reopened = await ReopenAsync(persistent);
        await reopened.Page.GotoAsync("/hello");

        await Expect(reopened.Page).ToHaveURLAsync(new Regex("/auth/login\\?returnUrl=%2Fhello"));
    }

    /// <returns>The cookies with an expiry: what survives closing the browser.</returns>
    private async Task<IReadOnlyList<Cookie>> SignInAndCloseAsync(bool keepSignedIn, string displayName)
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client, displayName: displayName);
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/hello");
        await page.WaitForURLAsync(new Regex("/auth/login"));
        if (keepSignedIn)
        {
            await page.GetByLabel("Keep me signed in").CheckAsync();
        }

        await SignInForms.SignInAsync(page, user.Username, TestUsers.Password);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync($"Hello, {displayName}!");

        // Expires is -1 for a browser-session cookie.
        var cookies = await tab.Context.CookiesAsync();
        return [.. cookies.Where(cookie => cookie.Expires > 0).Select(cookie => new Cookie
        {
            Name = cookie.Name,
            Value = cookie.Value,
            Domain = cookie.Domain,
            Path = cookie.Path,
            Expires = cookie.Expires,
            HttpOnly = cookie.HttpOnly,
            Secure = cookie.Secure,
            SameSite = cookie.SameSite,
        })];
    }

    private async Task<BrowserTab> ReopenAsync(IReadOnlyList<Cookie> persistent)
    {
        var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        if (persistent.Count > 0)
        {
            await tab.Context.AddCookiesAsync(persistent);
        }

        return tab;
    }
}
