using System.Net;
using System.Net.Http.Json;

using Gateway.Administration;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Revocation;

/// <summary>Disabling a user through the admin API of one instance ends their tokens and sign-ins on both.</summary>
public sealed class DisabledUserCrossInstanceTests(RedisFixture fixture) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private readonly string _prefix = RedisFixture.NewPrefix();
    private GatewayServer _a = null!;
    private GatewayServer _b = null!;

    public async Task InitializeAsync()
    {
        var settings = RedisFixture.Settings(fixture.Redis.Configuration, _prefix);
        _a = await GatewayServer.StartAsync(fixture.Backend.Address, settings);
        _b = await GatewayServer.StartAsync(fixture.Backend.Address, settings, directory: _a.Directory);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task DisableOnInstanceA_TokenRefusedAndLoginDisabledOnBoth()
    {
        var created = await _a.Services.GetRequiredService<UserAdministration>().CreateAsync(
            AdminActor.CommandLine, TestUsers.UniqueName("admin"), null, TestUsers.Password, ["admin"], CancellationToken.None);
        var admin = Assert.IsType<AdminResult.Done>(created).User;
        using var client = _a.CreateClient();
        var adminToken = await TestUsers.LoginAsync(client, admin.Username);
        var (user, token) = await Api.SignUpAsync(_b);
        Assert.True(await Api.IsAcceptedAsync(_a, token), "instance A accepts the token before the user is disabled");
        Assert.True(await Api.IsAcceptedAsync(_b, token), "instance B accepts the token before the user is disabled");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/auth/admin/api/users/{user.Id}/disable").AsApi().WithBearer(adminToken);
        using var disabled = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.False(await Api.IsAcceptedAsync(_a, token), "instance A refuses the token at once");
        await Eventually.TrueAsync(async () => !await Api.IsAcceptedAsync(_b, token), OneSecond,
            "instance B refuses the token of the user disabled on instance A");
        foreach (var gateway in new[] { _a, _b })
        {
            using var login = gateway.CreateClient();
            using var refused = await login.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("account_disabled", await refused.ErrorCodeAsync());
        }
    }
}
