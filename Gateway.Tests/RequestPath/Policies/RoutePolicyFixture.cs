using System.Text.Json.Nodes;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Policies;

/// <summary>
/// A gateway with the policies <c>staff</c> (admin or editor) and <c>admins</c> (admin) from Gateway:Policies, and
/// routes using them, gateway:admin, default and anonymous.
/// </summary>
public sealed class RoutePolicyFixture : IAsyncLifetime
{
    public static readonly (string Key, string Value)[] Policies =
    [
        ("Gateway:Policies:staff:Roles:0", "admin"),
        ("Gateway:Policies:staff:Roles:1", "editor"),
        ("Gateway:Policies:admins:Roles:0", "admin"),
    ];

    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public static JsonObject Routes()
    {
        var routes = GatewayServer.DefaultRoutes();
        routes["staff"] = GatewayServer.Route("/staff/{**rest}", "staff");
        routes["admins"] = GatewayServer.Route("/admins/{**rest}", "admins");
        routes["builtin"] = GatewayServer.Route("/builtin/{**rest}", "gateway:admin");
        routes["signed-in"] = GatewayServer.Route("/any/{**rest}", "default");
        return routes;
    }

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        Gateway = await GatewayServer.StartAsync(Backend.Address, Policies, Routes());
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
