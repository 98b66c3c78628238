using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gateway.Tests.Browser;

/// <summary>The journeys of issue 4, in a real Chromium against the real gateway and sample backend.</summary>
[Collection(ChromiumTests.Name)]
public sealed class SignInJourneyTests(ChromiumFixture chromium, GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ProtectedPage_WhenSignedOut_LandsOnLoginKeepingReturnUrl()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;

        await page.GotoAsync("/hello?tab=2");

        var url = new Uri(page.Url);
        Assert.Equal("/auth/login", url.AbsolutePath);
        Assert.Equal("/hello?tab=2", QueryHelpers.ParseQuery(url.Query)["returnUrl"].ToString());
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Sign in");
        await Expect(page.Locator("input[name=returnUrl]")).ToHaveValueAsync("/hello?tab=2");
    }

    [Fact]
    public async Task Register_FromLoginPage_ReturnsToRequestedPageGreetedByName()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/hello");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/auth/register\\?returnUrl=%2Fhello$"));
        await SignInForms.RegisterAsync(page, TestUsers.UniqueName("ada"), "Ada Lovelace", TestUsers.Password);

        await Expect(page).ToHaveURLAsync(new Uri(fixture.Gateway.Address, "/hello").ToString());
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, Ada Lovelace!");
    }

    [Fact]
    public async Task SignedIn_OnReload_StaysSignedInWithCookieHiddenFromScripts()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await SignInForms.RegisterFromProtectedPageAsync(page, TestUsers.UniqueName("grace"), "Grace Hopper", TestUsers.Password);

        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(new Uri(fixture.Gateway.Address, "/hello").ToString());
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, Grace Hopper!");
        var token = Assert.Single(await tab.Context.CookiesAsync(), cookie => cookie.Name == "gateway_token");
        Assert.True(token.HttpOnly);
        Assert.DoesNotContain("gateway_token=", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_FromAccountPage_ShowsSignedOutMessageAndProtectsPageAgain()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await SignInForms.RegisterFromProtectedPageAsync(page, TestUsers.UniqueName("alan"), "Alan Turing", TestUsers.Password);
        await page.GotoAsync("/auth/account");
        await Expect(page.GetByText("Alan Turing")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/auth/login\\?reason=logged_out$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have been signed out.");
        await page.GotoAsync("/hello");
        await Expect(page).ToHaveURLAsync(new Regex("/auth/login\\?returnUrl=%2Fhello$"));
    }

    [Fact]
    public async Task SignOutEverywhere_FromAccountPage_PostsToLogoutWithAntiforgeryToken()
    {
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await SignInForms.RegisterFromProtectedPageAsync(page, TestUsers.UniqueName("everywhere"), "Many Devices", TestUsers.Password);
        await page.GotoAsync("/auth/account");

        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync(),
            request => request.Method == "POST");

        Assert.Equal("/auth/logout?everywhere=true", new Uri(request.Url).PathAndQuery);
        Assert.StartsWith("__csrf=", request.PostData, StringComparison.Ordinal);
        var response = await request.ResponseAsync();
        Assert.Equal(303, response!.Status);
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsGenericMessageAndKeepsUsername()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        await page.GotoAsync("/hello");

        await SignInForms.SignInAsync(page, user.Username, "not the password");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Incorrect username or password.");
        await Expect(SignInForms.Username(page)).ToHaveValueAsync(user.Username);
        await Expect(SignInForms.Password(page)).ToHaveValueAsync("");
        await Expect(SignInForms.Password(page)).ToBeFocusedAsync();
        await Expect(page.Locator("input[name=returnUrl]")).ToHaveValueAsync("/hello");
    }

    [Fact]
    public async Task LoginForm_WithKeyboardOnly_TabsThroughFieldsAndSubmitsWithEnter()
    {
        using var client = fixture.Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client, displayName: "Keyboard User");
        await using var tab = await chromium.OpenAsync(fixture.Gateway.Address);
        var page = tab.Page;
        var keyboard = page.Keyboard;
        await page.GotoAsync("/hello");

        await Expect(SignInForms.Username(page)).ToBeFocusedAsync();
        await keyboard.TypeAsync(user.Username);
        await keyboard.PressAsync("Tab");
        await Expect(SignInForms.Password(page)).ToBeFocusedAsync();
        await keyboard.TypeAsync(TestUsers.Password);
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show password" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Keep me signed in")).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });
        await Expect(submit).ToBeFocusedAsync();
        await Expect(submit).ToHaveCSSAsync("outline-style", "solid");
        await keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Uri(fixture.Gateway.Address, "/hello").ToString());
        await Expect(SignInForms.Heading(page)).ToHaveTextAsync("Hello, Keyboard User!");
    }
}
