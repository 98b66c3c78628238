using System.Runtime.Versioning;
using System.Security.Cryptography;

using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.RequestPath.Assertions;

/// <summary>
/// Gateway:Assertion:KeyPath signs identities for every backend that verifies them: a file other users can read or
/// write stops start-up, one the group can read is used with a warning.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class AssertionKeyFileTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory]
    [InlineData(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    [InlineData(OwnerOnly | UnixFileMode.OtherWrite)]
    public async Task KeyPath_OpenToOtherUsers_StopsStartUpNamingTheFileAndTheFix(UnixFileMode mode)
    {
        var path = await KeyFileAsync(mode);

        var problem = await StartupProblemAsync(path);

        Assert.Contains(path, problem, StringComparison.Ordinal);
        Assert.Contains("chmod 600", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPath_OpenToItsGroup_StartsWithAWarning()
    {
        var path = await KeyFileAsync(OwnerOnly | UnixFileMode.GroupRead);
        var log = GatewayLog.Create();

        await using var gateway = await GatewayServer.StartAsync(ClosedPort.Address(), [.. Settings(path), .. log.Settings]);

        var warning = Assert.Single(log.Since(0), e => e.Level == LogEventLevel.Warning && GatewayLog.Message(e).Contains(path, StringComparison.Ordinal));
        Assert.Contains("group", GatewayLog.Message(warning), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPath_SymbolicLinkToAnOwnerOnlyFile_StartsWithoutAWord()
    {
        // A Kubernetes secret volume: the file is a link (mode 777 itself) to the real one, whose mode is what counts.
        var target = await KeyFileAsync(OwnerOnly);
        var link = Path.Combine(Path.GetDirectoryName(target)!, "linked.pem");
        File.CreateSymbolicLink(link, target);
        var log = GatewayLog.Create();

        await using var gateway = await GatewayServer.StartAsync(ClosedPort.Address(), [.. Settings(link), .. log.Settings]);

        Assert.DoesNotContain(log.Since(0), e => e.Level >= LogEventLevel.Warning && GatewayLog.Message(e).Contains("linked.pem", StringComparison.Ordinal));
    }

    private static (string, string)[] Settings(string keyPath) =>
        [("Gateway:Assertion:Enabled", "true"), ("Gateway:Assertion:KeyPath", keyPath)];

    private static async Task<string> KeyFileAsync(UnixFileMode mode)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(TempFolder.Create("assertion-key"), "key.pem");
        await File.WriteAllTextAsync(path, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static async Task<string> StartupProblemAsync(string keyPath)
    {
        try
        {
            await using var gateway = await GatewayServer.StartAsync(ClosedPort.Address(), Settings(keyPath));
        }
        catch (Exception ex) when (StartupProblem.Find(ex) is { } problem)
        {
            return problem;
        }

        Assert.Fail($"The gateway started with the assertion key {keyPath} open to other users.");
        return "";
    }
}
