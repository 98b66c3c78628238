using System.Runtime.Versioning;
using Gateway.Hosting.Options;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting;

/// <summary>The data folder holds password hashes, data-protection keys and maybe the signing key: the gateway's user only.</summary>
public sealed class DataFolderTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task DataFolder_CreatedByGateway_IsReadableByItsUserOnly()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address,
            [("environment", "Development"), ("Gateway:Jwt:SigningKey", "")]);
        using var client = gateway.CreateClient();
        await TestUsers.RegisterAsync(client);
        // The login form's antiforgery token makes the data-protection key ring write its first key.
        Assert.True((await client.GetAsync("/auth/login")).IsSuccessStatusCode);

        var data = gateway.DataPath;
        var keys = Path.Combine(data, "keys");
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(keys));
        string[] files =
        [
            Path.Combine(data, "users.db"),
            Path.Combine(data, "users.db-wal"),
            Path.Combine(data, "users.db-shm"),
            Path.Combine(data, "dev-signing-key"),
            .. Directory.GetFiles(keys),
        ];
        Assert.True(Directory.GetFiles(keys).Length > 0, "No data-protection key was written.");
        foreach (var file in files)
        {
            Assert.True(File.Exists(file), $"{file} does not exist.");
            Assert.Equal((file, OwnerOnlyFile), (file, File.GetUnixFileMode(file)));
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void DataFolder_ExistingOpenToOthers_IsLeftAsIsWithAWarning()
    {
        var path = TempFolder.Create("open-data");
        File.SetUnixFileMode(path, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        var logger = new RecordingLogger<DataFolder>();

        _ = new DataFolder(Options.Create(new GatewayOptions { DataPath = path }), logger).Path;

        Assert.Equal(OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(path));
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(path, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void DataFolder_ExistingOwnerOnly_LogsNothing()
    {
        var path = TempFolder.Create("closed-data");
        File.SetUnixFileMode(path, OwnerOnlyFolder);
        var logger = new RecordingLogger<DataFolder>();

        _ = new DataFolder(Options.Create(new GatewayOptions { DataPath = path }), logger).Path;

        Assert.Empty(logger.Entries);
    }
}
