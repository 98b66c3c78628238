using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class UserOptionsTests
{
    [Fact]
    public void QueueBound_Argon2idDefaults_IsWhatOneThreadHashesBeforeTheDeadline() =>
        Assert.Equal(175, new UserOptions { MaxConcurrentHashes = 1 }.QueueBound());

    [Fact]
    public void QueueBound_Pbkdf2Defaults_KeepsTenAHashASecondPerThread() =>
        Assert.Equal(100, new UserOptions { MaxConcurrentHashes = 2, PasswordScheme = PasswordScheme.Pbkdf2 }.QueueBound());

    [Fact]
    public void QueueBound_DearerArgon2id_IsShorter()
    {
        var options = new UserOptions { MaxConcurrentHashes = 1, Argon2 = new Argon2Options { MemoryKiB = 47_104, Iterations = 1 } };

        Assert.Equal(109, options.QueueBound());
    }
}
