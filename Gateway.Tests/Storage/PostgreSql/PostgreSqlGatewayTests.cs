using System.Net;
using Gateway.Hosting;
using Gateway.Storage.PostgreSql;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.Revocation;
using Npgsql;

namespace Gateway.Tests.Storage.PostgreSql;

/// <summary>Gateway instances on one real PostgreSQL database, each with a data folder of its own.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlGatewayTests(PostgresFixture postgres) : IAsyncLifetime
{
    private SampleBackendServer _backend = null!;

    public async Task InitializeAsync() => _backend = await SampleBackendServer.StartAsync();

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    internal static List<(string, string)> Settings(string connectionString) =>
    [
        ("Gateway:Users:Store", "PostgreSql"),
        ("Gateway:Users:ConnectionString", connectionString),
    ];

    [Fact]
    public async Task TwoInstances_StartingTogetherOnAnEmptyDatabase_BothComeUpAndEachMigrationIsAppliedOnce()
    {
        var database = await postgres.CreateDatabaseAsync();

        var starting = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() => GatewayServer.StartAsync(_backend.Address, Settings(database))))
            .ToList();
        await Task.WhenAll(starting.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default)));
        await using var a = await starting[0];
        await using var b = await starting[1];

        var (registered, _) = await Api.SignUpAsync(a);
        using var client = b.CreateClient();
        Assert.False(string.IsNullOrEmpty(await TestUsers.LoginAsync(client, registered.Username)));
        Assert.Equal(
            Enumerable.Range(1, PostgreSqlMigrations.All.Count).Select(version => (version, 1L)),
            await MigrationsAsync(database));
    }

    [Fact]
    public async Task RegisteredOnA_LoginPageFromA_PostedToB_SignsInWithNoSharedFolder()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var a = await GatewayServer.StartAsync(_backend.Address, Settings(database));
        await using var b = await GatewayServer.StartAsync(_backend.Address, Settings(database));
        Assert.NotEqual(a.DataPath, b.DataPath);
        using var registrar = a.CreateClient();
        var user = await TestUsers.RegisterAsync(registrar);

        var cookies = new CookieContainer();
        using var onA = a.CreateClient(cookies);
        using var onB = b.CreateClient(cookies);
        var token = await Forms.AntiforgeryTokenAsync(onA, "/auth/login");
        using var login = await Forms.PostWithTokenAsync(onB, "/auth/login", token,
            ("username", user.Username), ("password", TestUsers.Password));

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.NotNull(SetCookies.Find(login, "gateway_token"));
        Assert.Empty(KeyFiles(a.DataPath).Concat(KeyFiles(b.DataPath)));
        Assert.True(await ScalarAsync<long>(database, "SELECT COUNT(*) FROM data_protection_keys") >= 1);
    }

    [Fact]
    public async Task LogoutEverywhere_OnInstanceA_InstanceBRefusesTheTokenThroughTheDatabase()
    {
        // No Redis: instance B learns the cut-off only from the user store (StoredCutOffsRefresh).
        var database = await postgres.CreateDatabaseAsync();
        await using var a = await GatewayServer.StartAsync(_backend.Address, Settings(database));
        await using var b = await GatewayServer.StartAsync(_backend.Address, Settings(database));
        var (_, token) = await Api.SignUpAsync(a);
        Assert.True(await Api.IsAcceptedAsync(b, token), "instance B accepts the token before the logout");

        using var logout = await Api.LogoutAsync(a, token, "?everywhere=true");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Eventually.TrueAsync(
            async () => await Api.GetAsync(b, token) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "instance B refuses the token after a logout everywhere on instance A");
    }

    [Fact]
    public async Task Start_DatabaseUnreachable_FailsSayingSoWithoutTheConnectionString()
    {
        var closed = ClosedPort.Address();
        var unreachable = $"Host=127.0.0.1;Port={closed.Port};Username=gateway;Password=hunter2secret;Timeout=2";

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => GatewayServer.StartAsync(_backend.Address, Settings(unreachable)));

        var reason = StartupProblem.Find(thrown);
        Assert.NotNull(reason);
        Assert.StartsWith("The PostgreSQL user store cannot be reached.", reason, StringComparison.Ordinal);
        Assert.Contains("Gateway__Users__ConnectionString", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WrongDatabaseName_FailsWithTheServersReason()
    {
        var missing = postgres.Server.ConnectionString("no_such_database");

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => GatewayServer.StartAsync(_backend.Address, Settings(missing)));

        var reason = StartupProblem.Find(thrown);
        Assert.NotNull(reason);
        Assert.Contains("refused the gateway", reason, StringComparison.Ordinal);
        Assert.Contains("no_such_database", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersCommand_AddThenList_WorksAgainstPostgreSql()
    {
        var database = await postgres.CreateDatabaseAsync();
        var cli = (await GatewayCli.CreateAsync()) with
        {
            Environment = new Dictionary<string, string?>
            {
                ["Gateway__Users__Store"] = "PostgreSql",
                ["Gateway__Users__ConnectionString"] = database,
            },
        };

        var add = await cli.RunWithInputAsync(TestUsers.Password, "users", "add", "Alice", "--role", "admin", "--password-stdin");
        var list = await cli.RunAsync("users", "list", "--json");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("\"Alice\"", list.Output, StringComparison.Ordinal);
        Assert.Equal("alice", await ScalarAsync<string>(database, "SELECT username_key FROM users"));
        Assert.False(File.Exists(Path.Combine(cli.DataPath, "users.db")), "the command wrote a SQLite file");
    }

    private static IEnumerable<string> KeyFiles(string dataPath)
    {
        var keys = Path.Combine(dataPath, "keys");
        return Directory.Exists(keys) ? Directory.EnumerateFiles(keys, "*.xml") : [];
    }

    private static async Task<List<(int Version, long Count)>> MigrationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
