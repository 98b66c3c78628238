using Gateway.Accounts;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Accounts;

public sealed class Argon2idHashTests
{
    // The reference implementation (Debian's argon2 CLI): echo -n password | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -e
    private const string ReferenceHashOfPassword =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

    private static readonly Argon2Cost Default = new UserOptions().Argon2.Cost;

    [Fact]
    public void Compute_Password_IsAPhcStringThatVerifiesOnlyThatPassword()
    {
        var hash = Argon2idHash.Compute(TestUsers.Password, Default);

        Assert.Matches(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", hash);
        Assert.True(Argon2idHash.Verify(hash, TestUsers.Password, out var cost));
        Assert.Equal(Default, cost);
        Assert.False(Argon2idHash.Verify(hash, TestUsers.Password + "x", out _));
        Assert.NotEqual(hash, Argon2idHash.Compute(TestUsers.Password, Default));
    }

    [Fact]
    public void Verify_ReferenceImplementationHash_MatchesItsPassword()
    {
        Assert.True(Argon2idHash.Verify(ReferenceHashOfPassword, "password", out var cost));
        Assert.Equal(new Argon2Cost(19_456, 2, 1), cost);
        Assert.False(Argon2idHash.Verify(ReferenceHashOfPassword, "Password", out _));
    }

    [Fact]
    public void Compute_NonAsciiPassword_HashesItsUtf8Bytes()
    {
        var hash = Argon2idHash.Compute("pässwörd-비밀번호", Default);

        Assert.True(Argon2idHash.Verify(hash, "pässwörd-비밀번호", out _));
        Assert.False(Argon2idHash.Verify(hash, "passwoerd-비밀번호", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$argon2id$")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$t=2,m=19456,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=019456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=4$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA==$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRz b21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9Zx*tmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13E")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE$x")]
    public void Verify_MalformedString_IsFalseWithoutThrowing(string stored) =>
        Assert.False(Argon2idHash.Verify(stored, "password", out _));

    [Theory]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE!")]
    [InlineData("not base64 at all")]
    [InlineData("AQAAAAIAA1+Q")]
    [InlineData("$layered:sha256-hex:v1$garbage")]
    [InlineData("$layered:sha256-hex:v1$$argon2id$v=19$m=1,t=1,p=1$$")]
    public async Task VerifyAsync_ForeignOrBrokenStoredHash_FailsWithoutThrowing(string stored)
    {
        using var threads = HashingThreads.For(new UserOptions(), TimeProvider.System);
        var hashing = new PasswordHashing(Options.Create(new UserOptions()), threads, TestMetrics.Create());

        Assert.Equal(PasswordCheck.Failed, await hashing.VerifyAsync(stored, "password", CancellationToken.None));
    }

    [Fact]
    public async Task VerifyAsync_HashWithOtherParameters_VerifiesWithItsOwnAndAsksForARehash()
    {
        var cheaper = new Argon2Cost(7_168, 5, 1);
        var stored = Argon2idHash.Compute(TestUsers.Password, cheaper);
        using var threads = HashingThreads.For(new UserOptions(), TimeProvider.System);
        var hashing = new PasswordHashing(Options.Create(new UserOptions()), threads, TestMetrics.Create());

        Assert.Equal(PasswordCheck.SuccessRehashNeeded, await hashing.VerifyAsync(stored, TestUsers.Password, CancellationToken.None));
        Assert.Equal(PasswordCheck.Failed, await hashing.VerifyAsync(stored, "wrong password", CancellationToken.None));
        var rehashed = await hashing.HashAsync(TestUsers.Password, CancellationToken.None);
        Assert.True(Argon2idHash.TryRead(rehashed, out var cost, out _, out _));
        Assert.Equal(Default, cost);
        Assert.Equal(PasswordCheck.Success, await hashing.VerifyAsync(rehashed, TestUsers.Password, CancellationToken.None));
    }

    [Fact]
    public async Task VerifyAsync_SchemeSetToPbkdf2_StillVerifiesArgon2idAndAsksForARehash()
    {
        var options = new UserOptions { PasswordScheme = PasswordScheme.Pbkdf2 };
        using var threads = HashingThreads.For(options, TimeProvider.System);
        var hashing = new PasswordHashing(Options.Create(options), threads, TestMetrics.Create());

        var argon2 = Argon2idHash.Compute(TestUsers.Password, Default);
        var pbkdf2 = await hashing.HashAsync(TestUsers.Password, CancellationToken.None);

        Assert.Equal(PasswordCheck.SuccessRehashNeeded, await hashing.VerifyAsync(argon2, TestUsers.Password, CancellationToken.None));
        Assert.Equal(new UserOptions().PasswordIterations, UserDatabase.Iterations(pbkdf2));
        Assert.Equal(PasswordCheck.Success, await hashing.VerifyAsync(pbkdf2, TestUsers.Password, CancellationToken.None));
    }
}
