using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.Assertions;

/// <summary>Assertions off by default; Gateway:Assertion:KeyPath used as given, or start-up stopped with one line.</summary>
public sealed class AssertionSettingsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Disabled_SignedInRequest_NoAssertionAndSpoofedOneStripped()
    {
        var user = await fixture.SharedUserAsync();
        using var client = fixture.Gateway.CreateClient();
        var token = await TestUsers.LoginAsync(client, user.Username);

        var echoed = await Assertions.EchoAsync(fixture.Gateway, "/api/whoami", token, ("X-Gateway-Assertion", "forged"));

        Assert.Empty(echoed.ValuesAsBackendsSeeThem(Assertions.Header));
    }

    [Fact]
    public async Task Disabled_Jwks_404FromTheGatewayNotTheBackend()
    {
        using var client = fixture.Gateway.CreateClient();
        using var response = await client.SendAsync(Requests.Get("/.well-known/jwks.json").AsApi());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Gateway:Assertion:Enabled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fixture.Gateway.DataPath, "assertion-key.pem")), "no key is generated while disabled");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task KeyPath_PemFile_SignsWithThatKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(TempFolder.Create("assertion-key"), "key.pem");
        await File.WriteAllTextAsync(path, key.ExportPkcs8PrivateKeyPem());
        // Owner-only, as a key file must be (AssertionKeyFileTests).
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var gateway = await GatewayServer.StartAsync(fixture.Backend.Address,
            [("Gateway:Assertion:Enabled", "true"), ("Gateway:Assertion:KeyPath", path)]);

        var jwk = Assert.Single((await Assertions.KeysAsync(gateway)).Keys.Keys);

        var point = key.ExportParameters(includePrivateParameters: false).Q;
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(point.X), jwk.X);
        Assert.Equal(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(point.Y), jwk.Y);
        Assert.False(File.Exists(Path.Combine(gateway.DataPath, "assertion-key.pem")), "no key is generated beside a configured one");
    }

    [Theory]
    [InlineData("not a key at all")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n")]
    [InlineData(null)]
    public async Task GatewayDll_KeyPathUnusable_ExitsWith2NamingTheFileAndSetting(string? content)
    {
        var directory = TempFolder.Create("assertion-bad-key");
        var keyPath = Path.Combine(directory, "assertion.pem");
        if (content is not null)
        {
            await File.WriteAllTextAsync(keyPath, content);
        }

        var config = Path.Combine(directory, "yarp.json");
        await File.WriteAllTextAsync(config, GatewayServer.YarpJson(ClosedPort.Address()).ToJsonString());
        await using var gateway = GatewayProcess.Start(directory, new Dictionary<string, string?>
        {
            ["GATEWAY_CONFIG"] = config,
            ["Gateway__Jwt__SigningKey"] = GatewayServer.SigningKey,
            ["Gateway__DataPath"] = Path.Combine(directory, "data"),
            ["Gateway__Assertion__Enabled"] = "true",
            ["Gateway__Assertion__KeyPath"] = keyPath,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, await gateway.WaitForExitAsync(ExitDeadline));
        var line = StartupProblemTests.OneProblemLine(gateway.Output);
        Assert.Contains("Gateway:Assertion:KeyPath", line, StringComparison.Ordinal);
        Assert.Contains(keyPath, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", gateway.Output, StringComparison.Ordinal);
    }
}
