using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Gateway.Tests.Hosting;

/// <summary>
/// Where the gateway listens when nothing says: loopback port 8080, not Kestrel's localhost:5000, which is Flask's
/// default and so, often, the address of the very app the gateway is put in front of.
/// </summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task Build_NoAddressConfigured_ListensOnLoopback8080()
    {
        await using var app = Build();

        Assert.Equal("http://127.0.0.1:8080", app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:0", "urls")]
    [InlineData("--http_ports", "9090", "http_ports")]
    public async Task Build_AddressConfigured_KeepsIt(string option, string value, string key)
    {
        await using var app = Build(option, value);

        Assert.Equal(value, app.Configuration[key]);
        Assert.Equal(key == "urls" ? value : null, app.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    private static WebApplication Build(params string[] extra)
    {
        var folder = TempFolder.Create("listen-address");
        var config = Path.Combine(folder, "yarp.json");
        File.WriteAllText(config, GatewayServer.YarpJson(ClosedPort.Address()).ToJsonString());
        return GatewayApp.Build(
        [
            "--config", config,
            "--environment", "Production",
            "--hostBuilder:reloadConfigOnChange", "false",
            "--Gateway:DataPath", Path.Combine(folder, "data"),
            "--Gateway:Jwt:SigningKey", GatewayServer.SigningKey,
            "--Serilog:MinimumLevel:Default", "Warning",
            .. extra,
        ]);
    }
}
