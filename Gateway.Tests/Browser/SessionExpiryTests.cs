using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

[Collection(ChromiumTests.Name)]
public sealed class SessionExpiryTests(ChromiumFixture chromium, ShortSessionFixture fixture) : IClassFixture<ShortSessionFixture>
{
    [Fact]
    public async Task ExpiredSession_OnNavigation_ShowsExpiredMessageThenReturnsAfterSignIn()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client, displayName: "Brief Session");
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        var hello = new Uri(fixture.Gateway.Address, "/hello?page=3").ToString();
        await page.GotoAsync(hello);
        await SignInForms.SignInAsync(page, user.Username, TestUsers.Password);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, Brief Session!");

        await WaitUntilGatewayRefusesSessionAsync(page, timeout: ShortSessionFixture.Lifetime * 5);
        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/auth/login\\?returnUrl=%2Fhello%3Fpage%3D3&reason=expired$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your session has expired, please sign in again.");
        await SignInForms.SignInAsync(page, user.Username, TestUsers.Password);
        await Expect(page).ToHaveURLAsync(hello);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, Brief Session!");
    }

    /// <summary>Asks the gateway from the page, every quarter second, until it answers 401: a bounded poll, not a sleep.</summary>
    private static async Task WaitUntilGatewayRefusesSessionAsync(IPage page, TimeSpan timeout)
    {
        const string status = "async () => (await fetch('/auth/me', { headers: { accept: 'application/json' } })).status";
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (await page.EvaluateAsync<int>(status) != 401)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The gateway still accepted the session after {timeout.TotalSeconds} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
