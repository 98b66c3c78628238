using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Assertions;

/// <summary>
/// The sample backend behind a gateway with Gateway:Assertion:Enabled, as two clusters: "backend" for the default
/// routes and "other" for /other/**, so the audience of each can be told apart.
/// </summary>
public sealed class AssertionFixture : IAsyncLifetime
{
    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        var routes = GatewayServer.DefaultRoutes();
        routes["other"] = GatewayServer.Route("/other/{**rest}", policy: null, cluster: "other");
        Gateway = await GatewayServer.StartAsync(Backend.Address,
        [
            ("Gateway:Assertion:Enabled", "true"),
            // A second cluster beside the one yarp.json names: command-line settings merge into the same section.
            ("ReverseProxy:Clusters:other:Destinations:one:Address", Backend.Address.ToString()),
        ], routes);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
