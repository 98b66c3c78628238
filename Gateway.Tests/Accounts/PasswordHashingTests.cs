using Gateway.Accounts;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts;

/// <summary>
/// Passwords are stored as Argon2id PHC strings by default, or as ASP.NET Core Identity v3 hashes (PBKDF2-HMAC-SHA512,
/// iteration count inside the hash) with Gateway:Users:PasswordScheme=Pbkdf2; a hash of the other scheme or of other
/// parameters is replaced at the next login.
/// </summary>
public sealed class PasswordHashingTests
{
    private const int HmacSha512 = 2;

    private static readonly (string, string) Pbkdf2Scheme = ("Gateway:Users:PasswordScheme", "Pbkdf2");

    [Fact]
    public async Task Register_DefaultSettings_StoresArgon2idAtOwaspParameters()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address);
        using var client = gateway.CreateClient();

        var user = await TestUsers.RegisterAsync(client);

        var hash = UserDatabase.PasswordHash(gateway.DataPath, user.Username)!;
        Assert.DoesNotContain(TestUsers.Password, hash, StringComparison.Ordinal);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.True(Argon2idHash.Verify(hash, TestUsers.Password, out _));
    }

    [Fact]
    public async Task Register_Pbkdf2Scheme_StoresPbkdf2Sha512WithAtLeast220000Iterations()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, [Pbkdf2Scheme]);
        using var client = gateway.CreateClient();

        var user = await TestUsers.RegisterAsync(client);

        var hash = UserDatabase.PasswordHash(gateway.DataPath, user.Username)!;
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(HmacSha512, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)));
        Assert.True(UserDatabase.Iterations(hash) >= 220_000, $"Only {UserDatabase.Iterations(hash)} iterations.");
    }

    [Fact]
    public async Task Login_AfterIterationsRise_RehashesStoredPassword()
    {
        var (before, after) = await LoginAfterSettingsChangeAsync(
            [Pbkdf2Scheme], [Pbkdf2Scheme, ("Gateway:Users:PasswordIterations", "230000")]);

        Assert.Equal(220_000, UserDatabase.Iterations(before));
        Assert.Equal(230_000, UserDatabase.Iterations(after));
    }

    [Fact]
    public async Task Login_Pbkdf2UserAfterSwitchToArgon2id_UpgradesTheStoredHash()
    {
        var (before, after) = await LoginAfterSettingsChangeAsync([Pbkdf2Scheme], []);

        Assert.Equal(220_000, UserDatabase.Iterations(before));
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_AfterArgon2ParametersChange_OldHashVerifiesAndIsRehashedWithTheNewOnes()
    {
        var (before, after) = await LoginAfterSettingsChangeAsync([],
            [("Gateway:Users:Argon2:MemoryKiB", "7168"), ("Gateway:Users:Argon2:Iterations", "5")]);

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", before, StringComparison.Ordinal);
        Assert.StartsWith("$argon2id$v=19$m=7168,t=5,p=1$", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WeakArgon2Parameters_FailsNamingTheSetting()
    {
        await using var backend = await SampleBackendServer.StartAsync();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayServer.StartAsync(backend.Address,
            [("Gateway:Users:Argon2:MemoryKiB", "8192"), ("Gateway:Users:Argon2:Iterations", "2")]));

        Assert.Contains("Gateway:Users:Argon2:MemoryKiB=8192 with Gateway:Users:Argon2:Iterations=2 is weaker than OWASP's",
            StartupProblem.Find(failure), StringComparison.Ordinal);
    }

    /// <summary>Registers on a gateway with the first settings, then logs in on one with the second, over the same data.</summary>
    /// <returns>The stored hash before and after that login; the login after it checks the new one.</returns>
    private static async Task<(string Before, string After)> LoginAfterSettingsChangeAsync(
        (string, string)[] first, (string, string)[] second)
    {
        await using var backend = await SampleBackendServer.StartAsync();
        RegisteredUser user;
        string directory;
        string before;
        await using (var gateway = await GatewayServer.StartAsync(backend.Address, first))
        {
            using var client = gateway.CreateClient();
            user = await TestUsers.RegisterAsync(client);
            directory = gateway.Directory;
            before = UserDatabase.PasswordHash(gateway.DataPath, user.Username)!;
        }

        await using var changed = await GatewayServer.StartAsync(backend.Address, second, directory: directory);
        using (var client = changed.CreateClient())
        {
            await TestUsers.LoginAsync(client, user.Username);
        }

        var after = UserDatabase.PasswordHash(changed.DataPath, user.Username)!;
        Assert.NotEqual(before, after);

        // The new hash is the one checked from now on, and needs no further rehash.
        using var again = changed.CreateClient();
        await TestUsers.LoginAsync(again, user.Username);
        Assert.Equal(after, UserDatabase.PasswordHash(changed.DataPath, user.Username));
        return (before, after);
    }
}
