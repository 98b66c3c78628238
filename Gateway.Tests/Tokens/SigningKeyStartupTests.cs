using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Tokens;

/// <summary>
/// Outside Development a missing or weak key stops start-up with the setting to set; in Development a key is generated
/// once into the data folder and reused, so restarts keep sessions.
/// </summary>
public sealed class SigningKeyStartupTests
{
    private const string DevelopmentKeyFile = "dev-signing-key";

    [Theory]
    [InlineData("Production", "")]
    [InlineData("Staging", "")]
    [InlineData("Production", "too-short-key-0123456789")]
    [InlineData("Production", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Start_OutsideDevelopmentWithoutUsableKey_RefusesNamingTheSetting(string environment, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(
            ClosedPort.Address(), [("environment", environment), ("Gateway:Jwt:SigningKey", key)]));

        Assert.Contains("Gateway__Jwt__SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OutsideDevelopmentWithoutKey_GeneratesNoKeyFile()
    {
        var directory = TempFolder.Create("no-key");

        await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(
            ClosedPort.Address(), [("Gateway:Jwt:SigningKey", "")], directory: directory));

        Assert.False(File.Exists(Path.Combine(directory, "data", DevelopmentKeyFile)));
    }

    [Fact]
    public async Task Start_DevelopmentWithoutKey_GeneratesKeyAndRestartKeepsSessions()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        (string, string)[] development = [("environment", "Development"), ("Gateway:Jwt:SigningKey", "")];
        string directory;
        string token;
        string key;
        await using (var first = await GatewayServer.StartAsync(backend.Address, development))
        {
            directory = first.Directory;
            using var client = first.CreateClient();
            var user = await TestUsers.RegisterAsync(client);
            token = await TestUsers.LoginAsync(client, user.Username);
            var keyPath = Path.Combine(first.DataPath, DevelopmentKeyFile);
            Assert.True(File.Exists(keyPath), $"No key generated at {keyPath}.");
            key = await File.ReadAllTextAsync(keyPath);
            Assert.True(key.Trim().Length >= 43, "The generated key is shorter than 32 bytes.");
            Assert.NotEqual(GatewayServer.SigningKey, key.Trim());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            }
        }

        await using var second = await GatewayServer.StartAsync(backend.Address, development, directory: directory);
        using var api = second.CreateClientWithoutCookieJar();
        using var response = await api.SendAsync(Requests.Get("/auth/me").WithBearer(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(key, await File.ReadAllTextAsync(Path.Combine(second.DataPath, DevelopmentKeyFile)));
    }
}
