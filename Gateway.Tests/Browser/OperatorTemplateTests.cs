using Gateway.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>An operator's template folder, seen in Chromium: their login page, their logo, the built-in script.</summary>
[Collection(ChromiumTests.Name)]
public sealed class OperatorTemplateTests(ChromiumFixture chromium, TemplateFolderFixture fixture) : IClassFixture<TemplateFolderFixture>
{
    [Fact]
    public async Task OperatorLoginPage_InChromium_ShowsTheirPageAndLogo()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;

        await page.GotoAsync("/hello");

        await Expect(page.GetByText(TemplateFolderFixture.Marker)).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Sign in · Acme Intranet");
        var logo = page.Locator("img.logo");
        await Expect(logo).ToBeVisibleAsync();
        Assert.True(await logo.EvaluateAsync<int>("image => image.naturalWidth") > 0, "The operator's logo did not load.");
        await tab.ScreenshotAsync("login-operator-template-desktop");
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task OperatorPasswordToggle_WithoutLabel_IsNamedAndWorks()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/auth/login");

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show password" });
        await Expect(toggle).Not.ToHaveAttributeAsync("aria-pressed", "false");
        await toggle.ClickAsync();

        await Expect(page.Locator("#pw")).ToHaveAttributeAsync("type", "text");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hide password" })).ToBeVisibleAsync();
    }
}
