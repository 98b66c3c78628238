using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Users;

/// <summary>
/// Passwords are stored as ASP.NET Core Identity v3 hashes (PBKDF2-HMAC-SHA512, iteration count inside the hash), and
/// re-hashed at the next login once Gateway:Users:PasswordIterations rises.
/// </summary>
public sealed class PasswordHashingTests
{
    private const int HmacSha512 = 2;

    [Fact]
    public async Task Register_DefaultSettings_StoresPbkdf2Sha512WithAtLeast220000Iterations()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address);
        using var client = gateway.CreateClient();

        var user = await TestUsers.RegisterAsync(client);

        var hash = UserDatabase.PasswordHash(gateway.DataPath, user.Username);
        Assert.NotNull(hash);
        Assert.DoesNotContain(TestUsers.Password, hash, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(HmacSha512, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)));
        Assert.True(UserDatabase.Iterations(hash) >= 220_000, $"Only {UserDatabase.Iterations(hash)} iterations.");
    }

    [Fact]
    public async Task Login_AfterIterationsRise_RehashesStoredPassword()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        RegisteredUser user;
        string directory;
        string before;
        await using (var first = await GatewayServer.StartAsync(backend.Address))
        {
            using var client = first.CreateClient();
            user = await TestUsers.RegisterAsync(client);
            directory = first.Directory;
            before = UserDatabase.PasswordHash(first.DataPath, user.Username)!;
        }

        await using var second = await GatewayServer.StartAsync(backend.Address,
            [("Gateway:Users:PasswordIterations", "230000")], directory: directory);
        using (var client = second.CreateClient())
        {
            await TestUsers.LoginAsync(client, user.Username);
        }

        var after = UserDatabase.PasswordHash(second.DataPath, user.Username)!;
        Assert.Equal(220_000, UserDatabase.Iterations(before));
        Assert.Equal(230_000, UserDatabase.Iterations(after));
        Assert.NotEqual(before, after);

        // The new hash is the one checked from now on.
        using var again = second.CreateClient();
        await TestUsers.LoginAsync(again, user.Username);
    }
}
