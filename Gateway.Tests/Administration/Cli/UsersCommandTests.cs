using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration.Cli;

/// <summary><c>dotnet Gateway.dll users ...</c> as a process: exit codes, the one line that says what is wrong, no web server.</summary>
public sealed class UsersCommandTests
{
    private const string Password = TestUsers.Password;

    [Fact]
    public async Task AddThenList_NewAdmin_IsListedWithItsRolesAsJson()
    {
        var cli = await GatewayCli.CreateAsync();

        var add = await cli.RunWithInputAsync(Password + "\n", "users", "add", "Alice", "--display-name", "Alice A", "--role", "admin",
            "--role", "editor", "--password-stdin");
        var list = await cli.RunAsync("users", "list", "--json");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("Created user Alice", add.Output, StringComparison.Ordinal);
        Assert.Equal("", add.Error);
        Assert.DoesNotContain("Now listening", add.Output + add.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, add.Output + add.Error, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        var users = JsonDocument.Parse(list.Output).RootElement;
        Assert.Equal(1, users.GetProperty("total").GetInt32());
        var alice = users.GetProperty("users")[0];
        Assert.Equal("Alice", alice.GetProperty("username").GetString());
        Assert.Equal("Alice A", alice.GetProperty("displayName").GetString());
        Assert.Equal(["admin", "editor"], alice.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.False(alice.GetProperty("disabled").GetBoolean());
    }

    [Theory]
    [InlineData("short", "Passwords need at least 8 characters.")]
    [InlineData("", "No password on standard input.")]
    [InlineData("password1", "This is one of the most common passwords, which are guessed first: choose another.")]
    [InlineData("bobBOBbob", "Passwords cannot be your username, in any case or repeated.")]
    public async Task Add_BadPassword_ExitsOneWithOneLine(string password, string message)
    {
        var cli = await GatewayCli.CreateAsync();
        Assert.Equal(0, (await cli.RunWithInputAsync(Password, "users", "add", "alice", "--password-stdin")).ExitCode);

        var add = await cli.RunWithInputAsync(password, "users", "add", "bob", "--password-stdin");

        Assert.Equal(1, add.ExitCode);
        Assert.Equal(["error: " + message], add.ErrorLines);
        Assert.Equal(0, UserDatabase.CountByUsername(cli.DataPath, "bob"));
    }

    [Fact]
    public async Task List_StoredDisplayNameWithHiddenCharacters_ShowsEachAsItsCodePoint()
    {
        var cli = await GatewayCli.CreateAsync();
        // Stored before display names were checked, as an old users.db holds it; a terminal would show it as "admin".
        var store = new Gateway.Storage.Sql.SqlUserStore(UserDatabase.CreateDatabase(cli.DataPath));
        Assert.True(await store.TryCreateAsync(
            new Gateway.Storage.User("0123456789abcdef0123456789abcdef", "mallory", "\u202Enimda", "unused", DateTimeOffset.UtcNow, DateTimeOffset.UnixEpoch),
            CancellationToken.None));

        var list = await cli.RunAsync("users", "list");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"mallory\s+\[U\+202E\]nimda\s", list.Output);
        Assert.DoesNotContain("\u202E", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_TakenNameOrBadRoleOrNoStdinFlag_ExitsOneSayingWhy()
    {
        var cli = await GatewayCli.CreateAsync();
        Assert.Equal(0, (await cli.RunWithInputAsync(Password, "users", "add", "bob", "--password-stdin")).ExitCode);

        var taken = await cli.RunWithInputAsync(Password, "users", "add", "BOB", "--password-stdin");
        var badRole = await cli.RunWithInputAsync(Password, "users", "add", "carol", "--role", "Admin", "--password-stdin");
        var noFlag = await cli.RunWithInputAsync(Password, "users", "add", "dave");

        Assert.Equal((1, "error: The username 'BOB' is taken."), (taken.ExitCode, Assert.Single(taken.ErrorLines)));
        Assert.Equal(1, badRole.ExitCode);
        Assert.Contains("\"Admin\" may contain only lower-case letters", Assert.Single(badRole.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, noFlag.ExitCode);
        Assert.Contains("--password-stdin", Assert.Single(noFlag.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, UserDatabase.CountByUsername(cli.DataPath, "carol"));
    }

    [Fact]
    public async Task Commands_UnknownUserOrCommandOrOption_ExitOneWithOneLine()
    {
        var cli = await GatewayCli.CreateAsync();

        var unknownUser = await cli.RunAsync("users", "disable", "nobody");
        var unknownCommand = await cli.RunAsync("users", "frobnicate");
        var unknownOption = await cli.RunAsync("users", "list", "--colour");
        var missingArgument = await cli.RunAsync("users", "roles", "bob");

        Assert.Equal((1, "error: No user is named 'nobody'."), (unknownUser.ExitCode, Assert.Single(unknownUser.ErrorLines)));
        Assert.Equal(1, unknownCommand.ExitCode);
        Assert.StartsWith("error: Unknown command 'frobnicate'. Usage: Gateway.dll users add|list|roles|disable|enable|password|delete|reset-second-factor|import",
            Assert.Single(unknownCommand.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, unknownOption.ExitCode);
        Assert.StartsWith("error: Unknown option --colour.", Assert.Single(unknownOption.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, missingArgument.ExitCode);
        Assert.Contains("Usage: Gateway.dll users roles NAME", Assert.Single(missingArgument.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_BadConfiguration_ExitTwoNamingTheSetting()
    {
        var cli = await GatewayCli.CreateAsync();

        var missingFile = await cli.RunAsync("users", "list", "--config", "/nonexistent/yarp.json");
        var badSetting = await cli.RunAsync("users", "list", "--Gateway:Users:PasswordIterations", "5");

        Assert.Equal(2, missingFile.ExitCode);
        Assert.Contains("/nonexistent/yarp.json", Assert.Single(missingFile.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(2, badSetting.ExitCode);
        Assert.Contains("Gateway:Users:PasswordIterations must be between", Assert.Single(badSetting.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>As the docs run it beside run.sh: in Development, on the signing key the server generated (or generating it).</summary>
    [Fact]
    public async Task AddThenList_InDevelopmentWithoutSigningKey_Work()
    {
        var cli = (await GatewayCli.CreateAsync()) with
        {
            Environment = new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Gateway__Jwt__SigningKey"] = null },
        };

        var add = await cli.RunWithInputAsync(Password, "users", "add", "alice", "--password-stdin");
        var list = await cli.RunAsync("users", "list");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"alice\s+alice", list.Output);
        Assert.True(File.Exists(Path.Combine(cli.DataPath, "dev-signing-key")), "The key the server would generate is in the data folder.");
    }

    /// <summary>
    /// Whatever stops the server at start-up stops every command with the same reason: the CLI validates the settings the
    /// server validates, not only the ones its own services read.
    /// </summary>
    [Theory]
    [InlineData("Gateway__Jwt__SigningKey", null, "Gateway:Jwt:SigningKey is not set")]
    [InlineData("Gateway__Jwt__SigningKey", "too-short-a-key", "Gateway:Jwt:SigningKey is shorter than")]
    [InlineData("Gateway__ForwardedHeaders__KnownProxies__0", "not-an-address", "Gateway:ForwardedHeaders:KnownProxies:0")]
    [InlineData("Gateway__Cookie__Name", "bad;name", "Gateway:Cookie:Name")]
    public async Task List_SettingTheServerRefusesToStartWith_ExitsTwoWithTheServersReason(string variable, string? value, string named)
    {
        var cli = (await GatewayCli.CreateAsync()) with { Environment = new Dictionary<string, string?> { [variable] = value } };

        var list = await cli.RunAsync("users", "list");
        var serverReason = await ServerStartupProblemAsync(cli, variable, value);

        Assert.Contains(named, serverReason, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 2, list.ToString());
        Assert.Equal("error: the configuration cannot be used: " + serverReason, Assert.Single(list.ErrorLines));
        Assert.Equal("", list.Output);
    }

    [Fact]
    public async Task RolesPasswordEnableDelete_ExistingUser_ChangeTheStore()
    {
        var cli = await GatewayCli.CreateAsync();
        Assert.Equal(0, (await cli.RunWithInputAsync(Password, "users", "add", "bob", "--role", "admin", "--password-stdin")).ExitCode);
        var hash = UserDatabase.PasswordHash(cli.DataPath, "bob");

        var roles = await cli.RunAsync("users", "roles", "bob", "editor,viewer");
        var noRoles = await cli.RunAsync("users", "roles", "bob", "");
        var password = await cli.RunWithInputAsync("another long password\n", "users", "password", "bob", "--password-stdin");
        var disable = await cli.RunAsync("users", "disable", "bob");
        var enable = await cli.RunAsync("users", "enable", "bob");
        var listed = await cli.RunAsync("users", "list");
        var delete = await cli.RunAsync("users", "delete", "bob");

        Assert.Equal("bob now has roles editor,viewer; their sessions have ended.", roles.Output.Trim());
        Assert.Equal("bob now has no roles; their sessions have ended.", noRoles.Output.Trim());
        Assert.Equal(0, password.ExitCode);
        Assert.NotEqual(hash, UserDatabase.PasswordHash(cli.DataPath, "bob"));
        Assert.Equal((0, 0), (disable.ExitCode, enable.ExitCode));
        Assert.Matches(@"bob\s+bob\s+-\s+active", listed.Output);
        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(0, UserDatabase.CountByUsername(cli.DataPath, "bob"));
    }

    [Fact]
    public async Task Disable_WhileTheServerRuns_ThatServerRefusesTheLoginAndEndsTheSession()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address);
        using var client = gateway.CreateClient();
        var user = await TestUsers.RegisterAsync(client);
        var token = await TestUsers.LoginAsync(client, user.Username);

        var disable = await GatewayCli.For(gateway).RunAsync("users", "disable", user.Username);

        Assert.True(disable.ExitCode == 0, disable.ToString());
        using var login = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = Password });
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal("account_disabled", await login.ErrorCodeAsync());

        // Without Redis, the server learns the cut-off the command line stored from the user store, within seconds.
        await Eventually.TrueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami").WithBearer(token);
            using var response = await client.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(30), "the disabled user's token is refused");
    }

    /// <returns>Why the server, run on the CLI's configuration and data with one variable changed, refuses to start.</returns>
    private static async Task<string> ServerStartupProblemAsync(GatewayCli cli, string variable, string? value)
    {
        await using var server = GatewayProcess.Start(Path.GetDirectoryName(cli.ConfigPath)!, new Dictionary<string, string?>
        {
            ["GATEWAY_CONFIG"] = cli.ConfigPath,
            ["Gateway__DataPath"] = cli.DataPath,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Gateway__Jwt__SigningKey"] = GatewayServer.SigningKey,
            [variable] = value,
        }, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = StartupProblemTests.OneProblemLine(server.Output);
        const string cannotStart = "The gateway cannot start: ";
        return line[(line.IndexOf(cannotStart, StringComparison.Ordinal) + cannotStart.Length)..].Trim();
    }
}
