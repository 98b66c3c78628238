using System.Text.RegularExpressions;
using Gateway.Administration;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>The admin page in Chromium: disabling a user ends their open tab's session, and the page fits a phone.</summary>
[Collection(ChromiumTests.Name)]
public sealed class AdminPageJourneyTests(ChromiumFixture chromium, GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private UserAdministration Administration => fixture.Gateway.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task Disable_FromAdminPage_SendsTheUsersOpenTabToLoginOnItsNextRequest()
    {
        var admin = await CreateAsync(TestUsers.UniqueName("admin"), "Ada Admin", [RoleRules.Admin]);
        var user = await CreateAsync(TestUsers.UniqueName("bob"), "Bob Builder", []);
        await using var userTab = await chromium.OpenAsync(fixture.Gateway.Address);
        await using var adminTab = await chromium.OpenAsync(fixture.Gateway.Address);
        await userTab.Page.GotoAsync("/hello");
        await SignInForms.SignInAsync(userTab.Page, user.Username, TestUsers.Password);
        await Expect(SignInForms.Heading(userTab.Page)).ToHaveTextAsync("Hello, Bob Builder!");

        var page = await SignInAsAdminAsync(adminTab, admin, $"/auth/admin?query={user.Username}");
        var row = page.Locator($"#user-{user.Id}");
        await row.GetByText($"Manage {user.Username}").ClickAsync();
        await row.GetByLabel($"Yes, disable {user.Username}").CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("notice=disabled"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{user.Username} is disabled and was signed out everywhere.");
        await Expect(page.Locator($"#user-{user.Id} .facts")).ToContainTextAsync("Disabled");

        await userTab.Page.ReloadAsync();

        await Expect(userTab.Page).ToHaveURLAsync(new Regex("/auth/login\\?returnUrl=%2Fhello"));
        await Expect(SignInForms.Heading(userTab.Page)).ToHaveTextAsync("Sign in");
        Assert.True(adminTab.ConsoleErrors.Count == 0, string.Join("\n", adminTab.ConsoleErrors));
    }

    [Fact]
    public async Task Delete_WithoutTickingTheBox_IsNotSentByTheBrowser()
    {
        var admin = await CreateAsync(TestUsers.UniqueName("admin"), "Ada Admin", [RoleRules.Admin]);
        var user = await CreateAsync(TestUsers.UniqueName("carl"), "Carl", []);
        await using var adminTab = await chromium.OpenAsync(fixture.Gateway.Address, new TabOptions(JavaScript: false));
        var page = await SignInAsAdminAsync(adminTab, admin, $"/auth/admin?query={user.Username}");
        var row = page.Locator($"#user-{user.Id}");
        await row.GetByText($"Manage {user.Username}").ClickAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        // The required box stops the form in the browser itself, without a script; the server would refuse it too.
        Assert.False(await row.GetByLabel($"Yes, delete {user.Username}").EvaluateAsync<bool>("box => box.validity.valid"));
        Assert.NotNull(await fixture.Gateway.Services.GetRequiredService<IUserStore>().FindByIdAsync(user.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone", 360, 740)]
    public async Task AdminPage_AtScreenWidth_FitsWithoutSideScrolling(string device, int width, int height)
    {
        // Readable names for the screenshots, one set per width; the search shows only that set.
        var admin = await CreateAsync($"ada.{device}", "Ada Lovelace", [RoleRules.Admin]);
        var editor = await CreateAsync($"grace.{device}", "Grace Hopper", ["editor", "ops"]);
        var disabled = await CreateAsync($"alan.{device}", "Alan Turing", []);
        await Administration.SetDisabledAsync(new AdminActor(admin.Id, "127.0.0.1"), disabled.Id, true, CancellationToken.None);
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address, new TabOptions(width, height));

        var page = await SignInAsAdminAsync(tab, admin, $"/auth/admin?query=.{device}");
        await page.Locator($"#user-{editor.Id}").GetByText($"Manage {editor.Username}").ClickAsync();

        await Expect(page.GetByLabel($"Yes, delete {editor.Username}")).ToBeVisibleAsync();
        // Opening the forms scrolled the page down; the check looks for the search button at the top.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await PageScreenshotTests.AssertFitsAsync(page, width);
        await tab.ScreenshotAsync($"admin-{device}");
        Assert.True(tab.ConsoleErrors.Count == 0, string.Join("\n", tab.ConsoleErrors));
    }

    private static async Task<IPage> SignInAsAdminAsync(BrowserTab tab, User admin, string path)
    {
        var page = tab.Page;
        await page.GotoAsync(path);
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Sign in");
        await SignInForms.SignInAsync(page, admin.Username, TestUsers.Password);
        await page.WaitForURLAsync(new Regex("/auth/admin"));
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Users");
        return page;
    }

    private async Task<User> CreateAsync(string username, string displayName, IReadOnlyList<string> roles)
    {
        var result = await Administration.CreateAsync(
            AdminActor.CommandLine, username, displayName, TestUsers.Password, roles, CancellationToken.None);
        return Assert.IsType<AdminResult.Done>(result).User;
    }
}
