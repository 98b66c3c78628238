using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Browser;

/// <summary>A gateway whose tokens live three seconds with no clock skew, so a session can expire within a test.</summary>
public sealed class ShortSessionFixture : IAsyncLifetime
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    public SampleBackendServer Backend { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        Gateway = await GatewayServer.StartAsync(Backend.Address, settings:
        [
            ("Gateway:Jwt:Lifetime", Lifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture)),
            ("Gateway:Jwt:ClockSkew", "00:00:00"),

            // The expiry test polls the gateway with the cookie; sliding refresh would keep that session alive.
            ("Gateway:Session:Sliding", "false"),
        ]);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
