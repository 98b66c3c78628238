using System.Net;

using Gateway.Administration;
using Gateway.Audit;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration.WebPage;

/// <summary>The admin page at /auth/admin and its form posts, as a browser with cookies and antiforgery tokens.</summary>
public sealed class AdminPageTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string AdminPath = "/auth/admin";

    private GatewayServer Gateway => fixture.Gateway;

    private UserAdministration Administration => Gateway.Services.GetRequiredService<UserAdministration>();

    private IUserStore Store => Gateway.Services.GetRequiredService<IUserStore>();

    [Fact]
    public async Task Page_Admin_ListsUsersWithRolesStatusAndDates()
    {
        var (admin, _) = await SignedInAdminAsync();
        var editor = await CreateAsync(["editor", "ops"], displayName: "Edith Editor");
        await Administration.SetDisabledAsync(AdminActor.CommandLine, editor.Id, true, CancellationToken.None);

        var html = await PageAsync(admin, $"{AdminPath}?query={editor.Username}");

        Assert.Contains(editor.Username, html);
        Assert.Contains("Edith Editor", html);
        Assert.Contains("editor, ops", html);
        Assert.Contains("Disabled", html);
        Assert.Contains($"datetime=\"{editor.CreatedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\"", html);
        Assert.Contains("Never", html);
        Assert.Contains("Matching users 1 to 1 of 1.", html);
    }

    [Fact]
    public async Task Page_StoredDisplayNameWithHiddenCharacters_ShowsEachAsItsCodePointAndSaysSo()
    {
        var (admin, _) = await SignedInAdminAsync();
        // Stored before display names were checked: straight into the store, as an old users.db holds it.
        var username = TestUsers.UniqueName("bidi");
        var user = new User(Guid.NewGuid().ToString("N"), username, "\u202Enimda\u200B", "unused", DateTimeOffset.UtcNow, DateTimeOffset.UnixEpoch);
        Assert.True(await Store.TryCreateAsync(user, CancellationToken.None));

        var html = await PageAsync(admin, $"{AdminPath}?query={username}");

        Assert.Contains("[U+202E]nimda[U+200B]", html);
        Assert.Contains("hidden characters", html);
        Assert.DoesNotContain("\u202E", html);
        Assert.DoesNotContain("\u200B", html);
    }

    [Fact]
    public async Task Page_QueryAndPage_SearchAndPageThroughTheUsers()
    {
        var (admin, _) = await SignedInAdminAsync();
        var prefix = TestUsers.UniqueName("pg")[..12];
        for (var i = 0; i < UserAdministration.PageSize + 1; i++)
        {
            // Straight into the store: hashing 51 passwords would only slow the test down.
            var user = new User(Guid.NewGuid().ToString("N"), $"{prefix}-{i:D2}", $"Paged {i}", "unused", DateTimeOffset.UtcNow, DateTimeOffset.UnixEpoch);
            Assert.True(await Store.TryCreateAsync(user, CancellationToken.None));
        }

        var first = await PageAsync(admin, $"{AdminPath}?query={prefix}");
        var second = await PageAsync(admin, $"{AdminPath}?query={prefix}&page=2");

        Assert.Contains($"Matching users 1 to 50 of 51.", first);
        Assert.Contains($"{prefix}-00", first);
        Assert.DoesNotContain($"{prefix}-50", first);
        Assert.Contains($"href=\"{AdminPath}?query={prefix}&page=2\"", first);
        Assert.Contains("Matching users 51 to 51 of 51.", second);
        Assert.Contains($"{prefix}-50", second);
        Assert.DoesNotContain($"{prefix}-00", second);
        Assert.Contains($"href=\"{AdminPath}?query={prefix}\"", second);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=two")]
    [InlineData("page=1&page=2")]
    public async Task Page_BadPageNumber_Returns400Page(string query)
    {
        var (admin, _) = await SignedInAdminAsync();

        using var response = await admin.SendAsync(Requests.Get($"{AdminPath}?{query}").AsBrowser());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The page number must be a whole number from 1 up.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_SignedInNonAdmin_GetsThe403Page()
    {
        using var client = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        await TestUsers.LoginAsync(client, user.Username);

        using var response = await client.SendAsync(Requests.Get(AdminPath).AsBrowser());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("You don't have access to this page", Decoded(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Post_SignedInNonAdmin_Gets403AndChangesNothing()
    {
        using var client = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        await TestUsers.LoginAsync(client, user.Username);
        var token = await Forms.AntiforgeryTokenAsync(client, "/auth/account");

        using var response = await Forms.PostWithTokenAsync(client, $"{AdminPath}/users/{user.Id}/roles", token, ("roles", "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await FindAsync(user.Id))!.Roles);
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToLogin()
    {
        using var client = Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get(AdminPath).AsBrowser());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var redirect = LoginRedirect.Parse(response);
        Assert.Equal("/auth/login", redirect.Path);
        Assert.Equal(AdminPath, redirect.ReturnUrl);
    }

    [Fact]
    public async Task Roles_Form_SetsTheRolesAndComesBackToTheSameListing()
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);
        var listing = $"?query={user.Username}&page=1";

        using var response = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/roles{listing}", ("roles", "ops, editor"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"{AdminPath}?query={user.Username}&notice=roles_changed&user={user.Id}", location);
        Assert.Equal(["editor", "ops"], (await FindAsync(user.Id))!.Roles);
        var html = await PageAsync(admin, location);
        Assert.Contains($"{user.Username} now has the roles editor, ops.", html);
        Assert.Contains(AuditEvents.RolesChanged, html);
    }

    [Fact]
    public async Task Roles_InvalidName_ShowsThePageWithTheMessageAndChangesNothing()
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync(["editor"]);

        using var response = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/roles", ("roles", "Editors!"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The role \"Editors!\" may contain only lower-case letters, digits, _ and -.", Decoded(await response.Content.ReadAsStringAsync()));
        Assert.Equal(["editor"], (await FindAsync(user.Id))!.Roles);
    }

    [Fact]
    public async Task DisableAndEnable_Forms_ToggleTheUserAndEndTheirSession()
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);
        using var userClient = Gateway.CreateClient();
        var userToken = await TestUsers.LoginAsync(userClient, user.Username);

        using var disabled = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/disable", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, disabled.StatusCode);
        Assert.True((await FindAsync(user.Id))!.Disabled);
        Assert.False(await IsAcceptedAsync(userToken));
        Assert.Contains($"{user.Username} is disabled and was signed out everywhere.", await PageAsync(admin, disabled.Headers.Location!.OriginalString));

        using var enabled = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/enable");

        Assert.Equal(HttpStatusCode.SeeOther, enabled.StatusCode);
        Assert.False((await FindAsync(user.Id))!.Disabled);
    }

    [Fact]
    public async Task SignOut_Form_EndsTheUsersSessions()
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);
        using var userClient = Gateway.CreateClient();
        var userToken = await TestUsers.LoginAsync(userClient, user.Username);

        using var response = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/sign-out", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.False(await IsAcceptedAsync(userToken));
        Assert.Contains($"{user.Username} was signed out everywhere.", await PageAsync(admin, response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task Password_Form_SetsANewPasswordTheUserCanSignInWith()
    {
        const string NewPassword = "a brand new passphrase";
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);

        using var response = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/password", ("password", NewPassword), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        using var client = Gateway.CreateClient();
        await TestUsers.LoginAsync(client, user.Username, NewPassword);
    }

    [Fact]
    public async Task Password_TooShort_ShowsThePageWithTheRule()
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);
        var before = (await FindAsync(user.Id))!.PasswordHash;

        using var response = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/password", ("password", "short"), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("class=\"error\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, (await FindAsync(user.Id))!.PasswordHash);
    }

    [Fact]
    public async Task Delete_Form_RemovesTheUser()
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);

        using var response = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/delete", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Null(await FindAsync(user.Id));
        var html = await PageAsync(admin, response.Headers.Location!.OriginalString);
        Assert.Contains("The user was deleted, and their sessions ended.", html);
        Assert.Contains(AuditEvents.UserDeleted, html);
    }

    [Theory]
    [InlineData("disable", "Yes, disable {0}")]
    [InlineData("sign-out", "Yes, sign {0} out everywhere")]
    [InlineData("password", "Yes, replace the password of {0}")]
    [InlineData("delete", "Yes, delete {0}")]
    public async Task DestructiveAction_NotConfirmed_Returns400NamingTheBoxAndChangesNothing(string action, string box)
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);
        using var userClient = Gateway.CreateClient();
        var userToken = await TestUsers.LoginAsync(userClient, user.Username);
        var before = await FindAsync(user.Id);

        using var response = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/{action}", ("password", "a brand new passphrase"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains($"Nothing was changed: tick \u201c{string.Format(box, user.Username)}\u201d to confirm.", html);
        Assert.Equal(before, await FindAsync(user.Id));
        Assert.True(await IsAcceptedAsync(userToken));
    }

    [Theory]
    [InlineData("roles", "roles", "admin")]
    [InlineData("disable", "reason", "none")]
    [InlineData("enable", "reason", "none")]
    [InlineData("sign-out", "reason", "none")]
    [InlineData("password", "password", "a brand new passphrase")]
    [InlineData("delete", "reason", "none")]
    public async Task Action_WithoutAntiforgeryToken_Returns400AndChangesNothing(string action, string field, string value)
    {
        var (admin, _) = await SignedInAdminAsync();
        var user = await CreateAsync([]);
        var before = await FindAsync(user.Id);

        using var response = await Forms.PostWithTokenAsync(admin, $"{AdminPath}/users/{user.Id}/{action}", token: null,
            (field, value), ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form expired. Please try again.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await FindAsync(user.Id));
    }

    [Fact]
    public async Task Delete_Themselves_IsRefusedWithTheMessageOnThePage()
    {
        var (admin, self) = await SignedInAdminAsync();

        using var response = await PostAsync(admin, $"{AdminPath}/users/{self.Id}/delete", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"error\" role=\"alert\">You cannot delete your own account.</p>", html);
        Assert.Contains("<h1>Users</h1>", html);
        Assert.NotNull(await FindAsync(self.Id));
    }

    [Fact]
    public async Task Roles_OwnAdminRoleRemoved_IsRefusedWithTheMessageOnThePage()
    {
        var (admin, self) = await SignedInAdminAsync();

        using var response = await PostAsync(admin, $"{AdminPath}/users/{self.Id}/roles", ("roles", "editor"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("You cannot remove your own admin role; ask another admin.", Decoded(await response.Content.ReadAsStringAsync()));
        Assert.Equal(["admin"], (await FindAsync(self.Id))!.Roles);
    }

    [Fact]
    public async Task Roles_OwnRolesAdded_KeepsTheAdminSignedInOnThisBrowserOnly()
    {
        var (admin, self) = await SignedInAdminAsync();
        using var otherBrowser = Gateway.CreateClient();
        var otherToken = await TestUsers.LoginAsync(otherBrowser, self.Username);

        using var response = await PostAsync(admin, $"{AdminPath}/users/{self.Id}/roles", ("roles", "admin, editor"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains($"{self.Username} now has the roles admin, editor.", await PageAsync(admin, response.Headers.Location!.OriginalString));
        Assert.False(await IsAcceptedAsync(otherToken));
    }

    [Fact]
    public async Task Action_UnknownUser_Returns404Page()
    {
        var (admin, _) = await SignedInAdminAsync();

        using var response = await PostAsync(admin, $"{AdminPath}/users/no-such-user/delete", ("confirm", "yes"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no such user", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AccountPage_LinksTheAdminPageForAdminsOnly()
    {
        var (admin, _) = await SignedInAdminAsync();
        using var other = Gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(other);
        await TestUsers.LoginAsync(other, user.Username);

        Assert.Contains($"href=\"{AdminPath}\"", await PageAsync(admin, "/auth/account"));
        Assert.DoesNotContain($"href=\"{AdminPath}\"", await PageAsync(other, "/auth/account"));
    }

    [Fact]
    public async Task Page_ShowsRecentAuditEventsWithUsernames()
    {
        var (admin, self) = await SignedInAdminAsync();
        var user = await CreateAsync([]);
        using var _ = await PostAsync(admin, $"{AdminPath}/users/{user.Id}/sign-out", ("confirm", "yes"));

        var html = await PageAsync(admin, AdminPath);

        Assert.Contains($"<code>{AuditEvents.UserSignedOut}</code> by {self.Username}, on {user.Username}, from 127.0.0.1", html);
    }

    /// <summary>A new admin, signed in with the cookie in the returned client's jar.</summary>
    private async Task<(HttpClient Client, User Admin)> SignedInAdminAsync()
    {
        var admin = await CreateAsync([RoleRules.Admin]);
        var client = Gateway.CreateClient();
        await TestUsers.LoginAsync(client, admin.Username);
        return (client, admin);
    }

    private async Task<User> CreateAsync(IReadOnlyList<string> roles, string? displayName = null)
    {
        var result = await Administration.CreateAsync(
            AdminActor.CommandLine, TestUsers.UniqueName("adm"), displayName, TestUsers.Password, roles, CancellationToken.None);
        return Assert.IsType<AdminResult.Done>(result).User;
    }

    private Task<User?> FindAsync(string id) => Store.FindByIdAsync(id, CancellationToken.None);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string action, params (string Name, string Value)[] fields) =>
        Forms.PostAsync(client, AdminPath, action, fields);

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.SendAsync(Requests.Get(path).AsBrowser());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Decoded(await response.Content.ReadAsStringAsync());
    }

    private async Task<bool> IsAcceptedAsync(string token)
    {
        using var client = Gateway.CreateClientWithoutCookieJar();
        using var response = await client.SendAsync(Requests.Get("/auth/me").AsApi().WithBearer(token));
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);
}
