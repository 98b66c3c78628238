using System.Diagnostics.Metrics;
using Gateway.Hosting.Options;
using Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Infrastructure;

/// <summary>The gateway's meter for a unit under test built without the host.</summary>
internal static class TestMetrics
{
    public static GatewayMetrics Create()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new GatewayMetrics(services.GetRequiredService<IMeterFactory>(), services, Options.Create(new GatewayOptions()));
    }
}
