using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Responses;

/// <summary>
/// A working gateway, and one whose backend is down, whose registration is closed and whose sign-in is limited to one
/// attempt a minute: between them every error the gateway answers with can be provoked.
/// </summary>
public sealed class ReplyPathFixture : IAsyncLifetime
{
    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public GatewayServer Restricted { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        Gateway = await GatewayServer.StartAsync(Backend.Address);
        Restricted = await GatewayServer.StartAsync(ClosedPort.Address(),
        [
            ("Gateway:RateLimit:AttemptsPerMinute", "1"),
            ("Gateway:Users:AllowRegistration", "false"),
        ]);
    }

    public async Task DisposeAsync()
    {
        await Restricted.DisposeAsync();
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
