using System.Text.RegularExpressions;
using Gateway.Accounts.SecondFactor;
using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>
/// Issue 14's journey: enrol from the account page (the code computed from the secret the page shows for manual entry,
/// with the password asked again), sign out, sign in with a code, then with a recovery code. The enrolment page's
/// screenshot is the README's.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class SecondFactorJourneyTests(ChromiumFixture chromium, GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Enrol_ThenSignInWithCodeAndWithRecoveryCode()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address, new TabOptions(1280, 900));
        var page = tab.Page;
        var username = TestUsers.UniqueName("kat");
        await SignInForms.RegisterFromProtectedPageAsync(page, username, "Katherine Johnson", TestUsers.Password);

        await page.GotoAsync("/auth/account");
        await Expect(page.Locator("#second-factor-status")).ToContainTextAsync("Two-step sign-in is off");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up two-step sign-in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/auth/2fa/totp"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-step sign-in" }).ClickAsync();
        var secretText = page.Locator("#totp-secret");
        await Expect(secretText).ToBeVisibleAsync();

        var secret = Base32.Decode(await secretText.InnerTextAsync());
        Assert.NotNull(secret);
        Assert.Equal(20, secret.Length);
        Assert.True(await page.Locator(".qr img").EvaluateAsync<int>("img => img.naturalWidth") > 0, "The QR code did not load.");
        await PageScreenshotTests.AssertFitsAsync(page, 1280);
        await tab.ScreenshotAsync("totp-enrol-desktop");

        // The step of enrolment is used up; signing in takes the next step's code, which the window accepts already.
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(secret, step));
        // Asked again, as turning it off asks: a session left open must not be enough to turn it on.
        await page.GetByLabel("Your password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        var codes = page.Locator("#recovery-codes li");
        await Expect(codes).ToHaveCountAsync(10);
        var recoveryCode = await codes.Nth(0).InnerTextAsync();
        await tab.ScreenshotAsync("totp-recovery-codes-desktop");

        await SignOutAsync(page);
        await page.GotoAsync("/hello");
        await SignInForms.SignInAsync(page, username, TestUsers.Password);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Two-step sign-in");
        Assert.True(tab.ConsoleErrors.Count == 0, "The second step is not an error page: " + string.Join("\n", tab.ConsoleErrors));
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(secret, step + 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(fixture.Gateway.Address, "/hello").ToString());
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, Katherine Johnson!");

        await SignOutAsync(page);
        await page.GotoAsync("/hello");
        await SignInForms.SignInAsync(page, username, TestUsers.Password);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Two-step sign-in");
        await page.GetByText("Use a recovery code").ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(recoveryCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(fixture.Gateway.Address, "/hello").ToString());

        await page.GotoAsync("/auth/account");
        await Expect(page.Locator("#second-factor-status")).ToContainTextAsync("9 recovery codes left");
        Assert.True(tab.ConsoleErrors.Count == 0, string.Join("\n", tab.ConsoleErrors));
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/auth/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/auth/login\\?reason=logged_out$"));
    }
}
