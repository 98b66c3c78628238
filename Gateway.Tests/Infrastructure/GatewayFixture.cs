namespace Gateway.Tests.Infrastructure;

/// <summary>One sample backend and one gateway in front of it, shared by the tests of a class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        Gateway = await GatewayServer.StartAsync(Backend.Address);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
