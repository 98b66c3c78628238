using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>
/// The sign-in pages at a desktop and a 360 px phone width: they must fit without sideways scrolling. The screenshots
/// land in the test output under artifacts/screenshots/ (the desktop ones are the README's).
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class PageScreenshotTests(ChromiumFixture chromium, GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("desktop", 1280, 800, "ada.lovelace")]
    [InlineData("phone", 360, 740, "ada")]
    public async Task SignInPages_AtScreenWidth_FitWithoutSideScrolling(string device, int width, int height, string username)
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address, new TabOptions(width, height));
        var page = tab.Page;

        await page.GotoAsync("/hello");
        await AssertFitsAsync(page, width);
        await tab.ScreenshotAsync($"login-{device}");

        await SignInForms.FollowCreateAccountLinkAsync(page);
        await AssertFitsAsync(page, width);
        await tab.ScreenshotAsync($"register-{device}");

        await SignInForms.RegisterAsync(page, username, "Ada Lovelace", TestUsers.Password);
        await page.WaitForURLAsync("**/hello");
        await page.GotoAsync("/auth/account");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, width);
        await tab.ScreenshotAsync($"account-{device}");

        Assert.True(tab.ConsoleErrors.Count == 0, string.Join("\n", tab.ConsoleErrors));
    }

    internal static async Task AssertFitsAsync(IPage page, int width)
    {
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= width,
            $"{page.Url} scrolls sideways at {width} px.");
        var card = await page.Locator("main").BoundingBoxAsync();
        Assert.NotNull(card);
        Assert.InRange(card.X, 0, width);
        Assert.InRange(card.X + card.Width, 0, width);
        await Expect(page.Locator("button[type=submit]").First).ToBeInViewportAsync();
    }
}
