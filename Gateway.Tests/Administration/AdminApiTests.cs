using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using Gateway.Audit;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration;

/// <summary>The admin API: every call with an admin's Bearer token, and its 401, 403, 404 and 400.</summary>
public sealed class AdminApiTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    private const string Api = "/auth/admin/api";
    private static readonly string[] Editor = ["editor"];
    private static readonly string[] AdminRole = ["admin"];

    public static TheoryData<string, string> Calls => new()
    {
        { "GET", "/users" },
        { "PUT", "/users/{id}/roles" },
        { "POST", "/users/{id}/disable" },
        { "POST", "/users/{id}/enable" },
        { "POST", "/users/{id}/sign-out" },
        { "PUT", "/users/{id}/password" },
        { "DELETE", "/users/{id}" },
        { "GET", "/audit" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Call_WithoutToken_Is401(string method, string path)
    {
        var target = await fixture.CreateAsync();

        using var response = await SendAsync(method, path.Replace("{id}", target.Id, StringComparison.Ordinal), token: null, BodyFor(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await response.ErrorCodeAsync());
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Call_WithoutTheAdminRole_Is403AndChangesNothing(string method, string path)
    {
        var (_, editor) = await fixture.SignedInAsync("editor");
        var target = await fixture.CreateAsync("editor");

        using var response = await SendAsync(method, path.Replace("{id}", target.Id, StringComparison.Ordinal), editor, BodyFor(path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", await response.ErrorCodeAsync());
        var stored = await fixture.FindAsync(target.Id);
        Assert.Equal(["editor"], stored.Roles);
        Assert.False(stored.Disabled);
    }

    [Theory]
    [InlineData("PUT", "/users/no-such-id/roles")]
    [InlineData("POST", "/users/no-such-id/disable")]
    [InlineData("POST", "/users/no-such-id/enable")]
    [InlineData("POST", "/users/no-such-id/sign-out")]
    [InlineData("PUT", "/users/no-such-id/password")]
    [InlineData("DELETE", "/users/no-such-id")]
    public async Task Call_UnknownId_Is404NotFound(string method, string path)
    {
        var (_, admin) = await fixture.SignedInAsync("admin");

        using var response = await SendAsync(method, path, admin, BodyFor(path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task ListUsers_Query_ReturnsMatchingUsersWithEveryField()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");
        var editor = await fixture.CreateAsync("editor", "admin");

        using var response = await SendAsync("GET", $"/users?query={editor.Username}&page=1", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var user = Assert.Single(body.GetProperty("users").EnumerateArray().ToList());
        Assert.Equal(editor.Id, user.GetProperty("id").GetString());
        Assert.Equal(editor.Username, user.GetProperty("username").GetString());
        Assert.Equal(editor.DisplayName, user.GetProperty("displayName").GetString());
        Assert.Equal(["admin", "editor"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(user.GetProperty("disabled").GetBoolean());
        Assert.Equal(editor.CreatedAt.ToUnixTimeSeconds(), user.GetProperty("createdAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("lastLoginAt").ValueKind);
        Assert.False(user.TryGetProperty("passwordHash", out _));

        using var self = await SendAsync("GET", $"/users?query={admin.Username}", token);
        var selfUser = (await self.JsonAsync()).GetProperty("users")[0];
        Assert.NotEqual(JsonValueKind.Null, selfUser.GetProperty("lastLoginAt").ValueKind);
    }

    [Fact]
    public async Task ListUsers_SecondPage_IsEmptyForOneMatch()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");

        using var response = await SendAsync("GET", $"/users?query={admin.Username}&page=2", token);

        var body = await response.JsonAsync();
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        Assert.Empty(body.GetProperty("users").EnumerateArray());
    }

    [Theory]
    [InlineData("/users?page=0")]
    [InlineData("/users?page=abc")]
    [InlineData("/users?page=-1")]
    [InlineData("/users?page=1&page=2")]
    [InlineData("/audit?page=0")]
    public async Task List_BadPage_Is400NamingPage(string path)
    {
        var (_, token) = await fixture.SignedInAsync("admin");

        using var response = await SendAsync("GET", path, token);

        await AssertInvalidAsync(response, "page");
    }

    [Fact]
    public async Task SetRoles_EndsTheUsersSessionsAndTheNewLoginCarriesTheRoles()
    {
        var (_, admin) = await fixture.SignedInAsync("admin");
        var (user, old) = await fixture.SignedInAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/staff/page", old));

        using var response = await SendAsync("PUT", $"/users/{user.Id}/roles", admin, Raw("{\"roles\": [\"editor\", \"editor\"]}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(user.Id, body.GetProperty("id").GetString());
        Assert.Equal(["editor"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/staff/page", old));

        using var client = fixture.Gateway.CreateClient();
        var fresh = await TestUsers.LoginAsync(client, user.Username);
        using var staff = await SendAsync("GET", "/staff/page", fresh, prefix: "");
        var echoed = await EchoedRequest.ReadAsync(staff);
        Assert.Equal(["editor"], echoed.ValuesAsBackendsSeeThem("X-User-Roles"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/admins/page", fresh));

        using var me = await SendAsync("GET", "/auth/me", fresh, prefix: "");
        Assert.Equal(["editor"], (await me.JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("{\"roles\": [\"editor\"", "invalid_json")]
    [InlineData("[\"editor\"]", "invalid_json")]
    [InlineData("{}", "invalid_input")]
    [InlineData("{\"roles\": \"editor\"}", "invalid_input")]
    [InlineData("{\"roles\": [\"editor\", 3]}", "invalid_input")]
    [InlineData("{\"roles\": [\"Editors!\"]}", "invalid_input")]
    [InlineData("{\"roles\": [\"\\ud800\"]}", "invalid_json")]
    public async Task SetRoles_BadBody_Is400NamingRolesAndChangesNothing(string json, string code)
    {
        var (_, admin) = await fixture.SignedInAsync("admin");
        var user = await fixture.CreateAsync("editor");

        using var response = await SendAsync("PUT", $"/users/{user.Id}/roles", admin, Raw(json));

        Assert.Equal(code, await AssertInvalidAsync(response, "roles"));
        Assert.Equal(["editor"], (await fixture.FindAsync(user.Id)).Roles);
    }

    [Fact]
    public async Task SetRoles_NotJson_Is415()
    {
        var (_, admin) = await fixture.SignedInAsync("admin");
        var user = await fixture.CreateAsync();

        using var response = await SendAsync("PUT", $"/users/{user.Id}/roles", admin,
            new StringContent("roles=editor", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task SelfDemotionSelfDisableSelfDelete_Are400AndChangeNothing()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");

        using (var demote = await SendAsync("PUT", $"/users/{admin.Id}/roles", token, Json(new { roles = Editor })))
        {
            await AssertInvalidAsync(demote, "roles");
        }

        using (var disable = await SendAsync("POST", $"/users/{admin.Id}/disable", token))
        {
            await AssertInvalidAsync(disable, "id");
        }

        using (var delete = await SendAsync("DELETE", $"/users/{admin.Id}", token))
        {
            await AssertInvalidAsync(delete, "id");
        }

        var stored = await fixture.FindAsync(admin.Id);
        Assert.Equal(["admin"], stored.Roles);
        Assert.False(stored.Disabled);
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/admins/page", token));
    }

    [Fact]
    public async Task DisableThenEnable_EndsTheTokenRefusesLoginThenAllowsIt()
    {
        var (_, admin) = await fixture.SignedInAsync("admin");
        var (user, token) = await fixture.SignedInAsync();

        using var disabled = await SendAsync("POST", $"/users/{user.Id}/disable", admin);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.JsonAsync()).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/whoami", token));
        using var client = fixture.Gateway.CreateClient();
        using (var refused = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password }))
        {
            Assert.Equal("account_disabled", await refused.ErrorCodeAsync());
        }

        using var enabled = await SendAsync("POST", $"/users/{user.Id}/enable", admin);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False((await enabled.JsonAsync()).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/api/whoami", await TestUsers.LoginAsync(client, user.Username)));
    }

    [Fact]
    public async Task SignOut_EndsTheUsersTokenAndReturnsTheUser()
    {
        var (_, admin) = await fixture.SignedInAsync("admin");
        var (user, token) = await fixture.SignedInAsync();

        using var response = await SendAsync("POST", $"/users/{user.Id}/sign-out", admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Username, (await response.JsonAsync()).GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/whoami", token));
    }

    [Fact]
    public async Task SetPassword_Is204EndsTokensAndTheNewPasswordSignsIn()
    {
        var (admin, adminToken) = await fixture.SignedInAsync("admin");
        var (user, token) = await fixture.SignedInAsync();
        const string password = "a brand new password";

        using var response = await SendAsync("PUT", $"/users/{user.Id}/password", adminToken, Json(new { password }));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/whoami", token));
        using var client = fixture.Gateway.CreateClient();
        await TestUsers.LoginAsync(client, user.Username, password);
        Assert.Contains(await fixture.AuditAsync(),
            e => e.Event == AuditEvents.PasswordSet && e.Actor == admin.Id && e.Target == user.Id);
        Assert.DoesNotContain(password, fixture.Log.TextSince(0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"password\": \"short\"}")]
    [InlineData("{}")]
    [InlineData("{\"password\": 12345678}")]
    [InlineData("{\"password\": ")]
    [InlineData("{\"password\": \"Football\"}")]
    [InlineData("{\"password\": \"        \"}")]
    [InlineData("{\"password\": \"{username}{username}\"}")]
    public async Task SetPassword_BadPassword_Is400NamingPassword(string json)
    {
        var (_, admin) = await fixture.SignedInAsync("admin");
        var user = await fixture.CreateAsync();

        using var response = await SendAsync("PUT", $"/users/{user.Id}/password", admin,
            Raw(json.Replace("{username}", user.Username, StringComparison.Ordinal)));

        await AssertInvalidAsync(response, "password");
    }

    [Fact]
    public async Task Delete_Is204EndsTheTokenAndTheUserIsGone()
    {
        var (_, admin) = await fixture.SignedInAsync("admin");
        var (user, token) = await fixture.SignedInAsync();

        using var response = await SendAsync("DELETE", $"/users/{user.Id}", admin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/api/whoami", token));
        using var list = await SendAsync("GET", $"/users?query={user.Username}", admin);
        Assert.Equal(0, (await list.JsonAsync()).GetProperty("total").GetInt32());
        using var again = await SendAsync("DELETE", $"/users/{user.Id}", admin);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Audit_ListsTheAdminsActionsNewestFirstWithEveryField()
    {
        var (admin, token) = await fixture.SignedInAsync("admin");
        var user = await fixture.CreateAsync();
        using (var changed = await SendAsync("PUT", $"/users/{user.Id}/roles", token, Json(new { roles = Editor })))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        using var response = await SendAsync("GET", "/audit?page=1", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.JsonAsync()).GetProperty("events").EnumerateArray().ToList();
        var roles = events.First(e => e.GetProperty("target").GetString() == user.Id);
        Assert.Equal(AuditEvents.RolesChanged, roles.GetProperty("event").GetString());
        Assert.Equal(admin.Id, roles.GetProperty("actor").GetString());
        Assert.Equal("127.0.0.1", roles.GetProperty("address").GetString());
        Assert.Contains("editor", roles.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(roles.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var times = events.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    private static JsonContent? BodyFor(string path) =>
        path.EndsWith("/roles", StringComparison.Ordinal) ? Json(new { roles = AdminRole })
        : path.EndsWith("/password", StringComparison.Ordinal) ? Json(new { password = "a brand new password" })
        : null;

    private static JsonContent Json(object value) => JsonContent.Create(value);

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    /// <returns>The error code, once sure the answer is a 400 naming <paramref name="field"/>.</returns>
    private static async Task<string?> AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.TryGetProperty("fields", out var fields) && fields.TryGetProperty(field, out var message)
            && message.GetString() is { Length: > 0 }, $"Expected a message for {field}: {body}");
        return body.GetProperty("error").GetString();
    }

    private async Task<HttpStatusCode> GetAsync(string path, string token)
    {
        using var response = await SendAsync("GET", path, token, prefix: "");
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendAsync(
        string method, string path, string? token, HttpContent? body = null, string prefix = Api)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();
        using var request = new HttpRequestMessage(new HttpMethod(method), prefix + path) { Content = body }.AsApi();
        if (token is not null)
        {
            request.WithBearer(token);
        }

        return await client.SendAsync(request);
    }
}
