using Gateway.Administration;
using Gateway.Audit;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tests.RequestPath.Policies;

namespace Gateway.Tests.Administration;

/// <summary>
/// A gateway whose log is captured, with the route policies of <see cref="RoutePolicyFixture"/>, and helpers that create
/// users with roles (as the command line would) and read the audit trail.
/// </summary>
public sealed class AdminApiFixture : IAsyncLifetime
{
    public GatewayLog Log { get; } = GatewayLog.Create();

    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    internal IUserStore Users => Gateway.Services.GetRequiredService<IUserStore>();

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        // The audit events are Information, under the Warning minimum the test gateways log at.
        Gateway = await GatewayServer.StartAsync(Backend.Address,
            [.. RoutePolicyFixture.Policies, .. Log.Settings, ("Serilog:MinimumLevel:Override:Gateway.Audit", "Information")],
            RoutePolicyFixture.Routes());
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }

    /// <summary>A new user with these roles and a token signed in through the gateway.</summary>
    internal async Task<(User User, string Token)> SignedInAsync(params string[] roles)
    {
        var user = await CreateAsync(roles);
        using var client = Gateway.CreateClient();
        return (user, await TestUsers.LoginAsync(client, user.Username));
    }

    /// <summary>A new user with these roles (password <see cref="TestUsers.Password"/>), not signed in.</summary>
    internal async Task<User> CreateAsync(params string[] roles)
    {
        var result = await Administration.CreateAsync(
            AdminActor.CommandLine, TestUsers.UniqueName("adm"), null, TestUsers.Password, roles, CancellationToken.None);
        return Assert.IsType<AdminResult.Done>(result).User;
    }

    internal UserAdministration Administration => Gateway.Services.GetRequiredService<UserAdministration>();

    internal async Task<User> FindAsync(string id) => (await Users.FindByIdAsync(id, CancellationToken.None))!;

    internal async Task<IReadOnlyList<AuditEvent>> AuditAsync() =>
        await Gateway.Services.GetRequiredService<AuditTrail>().ListAsync(0, 500, CancellationToken.None);
}
