using Gateway.Accounts;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Accounts;

public sealed class LayeredHashTests
{
    // hashlib.sha256("password".encode("utf-8")).hexdigest(), as the legacy Flask apps store it.
    private const string PythonDigestOfPassword = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

    [Fact]
    public void Sha256Hex_Password_MatchesPythonHexdigest()
    {
        Assert.Equal(PythonDigestOfPassword, LegacyDigest.Sha256Hex("password"));
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("비밀번호"u8.ToArray())),
            LegacyDigest.Sha256Hex("비밀번호"));
    }

    [Theory]
    [InlineData("5E884898DA28047151D0E56F8DC6292773603D0D6AABBDD62A11EF721D1542D8", PythonDigestOfPassword)]
    [InlineData("5e88", null)]
    [InlineData("ze884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", null)]
    [InlineData("", null)]
    public void Normalize_Digest_IsLowerCaseHexOrNull(string digest, string? expected) =>
        Assert.Equal(expected, LegacyDigest.Normalize(digest));

    [Fact]
    public async Task Verify_LayeredHash_MatchesTheOldPasswordOnlyAndAsksForARehash()
    {
        using var threads = HashingThreads.For(new UserOptions(), TimeProvider.System);
        var hashing = new PasswordHashing(Options.Create(new UserOptions()), threads, TestMetrics.Create());

        var layered = await hashing.HashLegacyDigestAsync(PythonDigestOfPassword, CancellationToken.None);

        Assert.StartsWith(PasswordHashing.LayeredPrefix + Argon2idHash.Prefix, layered, StringComparison.Ordinal);
        Assert.DoesNotContain(PythonDigestOfPassword, layered, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PasswordCheck.SuccessRehashNeeded, await hashing.VerifyAsync(layered, "password", CancellationToken.None));
        Assert.Equal(PasswordCheck.Failed, await hashing.VerifyAsync(layered, "Password", CancellationToken.None));

        // The digest itself is not the password: knowing a leaked digest does not sign anyone in.
        Assert.Equal(PasswordCheck.Failed, await hashing.VerifyAsync(layered, PythonDigestOfPassword, CancellationToken.None));
    }

    [Fact]
    public async Task Verify_LayeredPbkdf2HashFromBeforeArgon2id_StillMatchesAndAsksForARehash()
    {
        var pbkdf2 = new UserOptions { PasswordScheme = PasswordScheme.Pbkdf2 };
        using var oldThreads = HashingThreads.For(pbkdf2, TimeProvider.System);
        var layered = await new PasswordHashing(Options.Create(pbkdf2), oldThreads, TestMetrics.Create())
            .HashLegacyDigestAsync(PythonDigestOfPassword, CancellationToken.None);
        using var threads = HashingThreads.For(new UserOptions(), TimeProvider.System);
        var hashing = new PasswordHashing(Options.Create(new UserOptions()), threads, TestMetrics.Create());

        Assert.Equal(new UserOptions().PasswordIterations, UserDatabase.Iterations(layered[PasswordHashing.LayeredPrefix.Length..]));
        Assert.Equal(PasswordCheck.SuccessRehashNeeded, await hashing.VerifyAsync(layered, "password", CancellationToken.None));
        Assert.Equal(PasswordCheck.Failed, await hashing.VerifyAsync(layered, "Password", CancellationToken.None));
        Assert.Equal(PasswordCheck.Failed, await hashing.VerifyAsync(layered, PythonDigestOfPassword, CancellationToken.None));
    }
}
