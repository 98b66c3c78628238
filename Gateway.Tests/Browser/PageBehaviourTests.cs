using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>What the pages do in a real browser beyond the main journeys: the password toggle, pages without scripts,
/// field messages, dark mode, and the strict Content-Security-Policy leaving the pages intact.</summary>
[Collection(ChromiumTests.Name)]
public sealed class PageBehaviourTests(ChromiumFixture chromium, GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task PasswordToggle_WhenPressed_ShowsThenHidesPassword()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/auth/login");
        var password = SignInForms.Password(page);
        await password.FillAsync("four random words");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show password" }).ClickAsync();
        await Expect(password).ToHaveAttributeAsync("type", "text");
        var hide = page.GetByRole(AriaRole.Button, new() { Name = "Hide password" });
        await Expect(hide).ToHaveTextAsync("Hide");
        await hide.ClickAsync();

        await Expect(password).ToHaveAttributeAsync("type", "password");
        await Expect(password).ToHaveValueAsync("four random words");
    }

    [Fact]
    public async Task RegisterPasswordToggle_WhenPressed_ShowsBothPasswords()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/auth/register");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show passwords" }).ClickAsync();

        await Expect(SignInForms.Password(page)).ToHaveAttributeAsync("type", "text");
        await Expect(page.GetByLabel("Confirm password")).ToHaveAttributeAsync("type", "text");
    }

    [Fact]
    public async Task LoginPage_WithoutJavaScript_HidesToggleAndStillSignsIn()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client, displayName: "No Script");
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address, new TabOptions(JavaScript: false));
        var page = tab.Page;
        await page.GotoAsync("/hello");

        await Expect(page.Locator("[data-toggle-password]")).ToBeHiddenAsync();
        await SignInForms.SignInAsync(page, user.Username, TestUsers.Password);

        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, No Script!");
    }

    [Fact]
    public async Task Register_WithShortAndMismatchedPasswords_ShowsMessageUnderEachField()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/auth/register?returnUrl=%2Fhello");
        var username = TestUsers.UniqueName("short");

        await SignInForms.Username(page).FillAsync(username);
        await SignInForms.Password(page).FillAsync("short");
        await page.GetByLabel("Confirm password").FillAsync("shorter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Please correct the fields below.");
        await Expect(SignInForms.Password(page)).ToHaveAccessibleDescriptionAsync(
            "Passwords need at least 8 characters. At least 8 characters. A few unrelated words make a strong one.");
        await Expect(SignInForms.Password(page)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(SignInForms.Password(page)).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Confirm password")).ToHaveAccessibleDescriptionAsync("The two passwords do not match.");
        await Expect(SignInForms.Username(page)).ToHaveValueAsync(username);
        await Expect(page.Locator("input[name=returnUrl]")).ToHaveValueAsync("/hello");
        await tab.ScreenshotAsync("register-errors-desktop");
    }

    [Fact]
    public async Task Register_WithTakenUsername_ShowsMessageUnderUsername()
    {
        using var client = fixture.Gateway.CreateClient();
        var taken = await TestUsers.RegisterAsync(client);
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/auth/register");

        await SignInForms.RegisterAsync(page, taken.Username, "Second Comer", TestUsers.Password);

        var username = SignInForms.Username(page);
        await Expect(username).ToHaveAccessibleDescriptionAsync(
            "That username is taken. Choose another. 3 to 64 letters, digits, or . _ - @");
        await Expect(username).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(username).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Display name")).ToHaveValueAsync("Second Comer");
    }

    [Fact]
    public async Task LoginPage_WhenDarkSchemePreferred_UsesDarkColours()
    {
        await using var light = await chromium.OpenAsync(fixture.Gateway.Address);
        await using var dark = await chromium.OpenAsync(fixture.Gateway.Address, new TabOptions(Dark: true));

        await light.Page.GotoAsync("/auth/login?reason=logged_out");
        await dark.Page.GotoAsync("/auth/login?reason=logged_out");

        Assert.True(await BackgroundLuminanceAsync(light.Page) > 0.8, "The light scheme's background is not light.");
        Assert.True(await BackgroundLuminanceAsync(dark.Page) < 0.1, "The dark scheme's background is not dark.");
        await dark.ScreenshotAsync("login-dark-desktop");
    }

    [Fact]
    public async Task GatewayPages_UnderStrictContentSecurityPolicy_LoadStyleAndScriptWithoutErrors()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await SignInForms.RegisterFromProtectedPageAsync(page, TestUsers.UniqueName("csp"), "Strict Policy", TestUsers.Password);

        foreach (var path in new[] { "/auth/login", "/auth/register", "/auth/account", "/auth/logout" })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.DoesNotContain("unsafe-inline", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
            // The stylesheet applied (the card is centred and rounded) and nothing was refused.
            await Expect(page.Locator("main.card")).ToHaveCSSAsync("border-top-left-radius", "14px");
        }

        await page.GotoAsync("/auth/login");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show password" })).ToBeVisibleAsync();
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task UnknownAuthPath_InBrowser_ShowsNotFoundPage()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;

        var response = await page.GotoAsync("/auth/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Page not found");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" })).ToHaveAttributeAsync("href", "/");
        await Expect(page.Locator("main.card")).ToHaveCSSAsync("border-top-left-radius", "14px");
        await tab.ScreenshotAsync("error-404-desktop");
    }

    /// <summary>The relative luminance (WCAG 2) of the page background, 0 for black to 1 for white.</summary>
    private static Task<double> BackgroundLuminanceAsync(IPage page) => page.EvaluateAsync<double>("""
        () => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number)
            .map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }
        """);
}
