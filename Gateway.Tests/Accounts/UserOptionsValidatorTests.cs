using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class UserOptionsValidatorTests
{
    [Theory]
    [InlineData(19_456, 2)]
    [InlineData(47_104, 1)]
    [InlineData(12_288, 3)]
    [InlineData(9_216, 4)]
    [InlineData(7_168, 5)]
    [InlineData(65_536, 3)]
    [InlineData(19_456, 10)]
    public void Validate_AtLeastOneOwaspRow_Succeeds(int memoryKiB, int iterations) =>
        Assert.True(Validate(memoryKiB, iterations).Succeeded);

    [Theory]
    [InlineData(47_103, 1)]
    [InlineData(19_455, 2)]
    [InlineData(46_000, 1)]
    [InlineData(12_288, 2)]
    [InlineData(7_167, 100)]
    [InlineData(1_048_576, 0)]
    public void Validate_WeakerThanEveryOwaspRow_FailsNamingTheSettingsAndTheRows(int memoryKiB, int iterations)
    {
        var result = Validate(memoryKiB, iterations);

        Assert.True(result.Failed);
        Assert.Contains($"Gateway:Users:Argon2:MemoryKiB={memoryKiB} with Gateway:Users:Argon2:Iterations={iterations} is weaker",
            result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("47104 KiB with 1, 19456 KiB with 2, 12288 KiB with 3, 9216 KiB with 4, 7168 KiB with 5",
            result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Validate_ParallelismOtherThanOne_Fails(int parallelism)
    {
        var result = Validate(19_456, 2, parallelism);

        Assert.True(result.Failed);
        Assert.StartsWith("Gateway:Users:Argon2:Parallelism must be 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_048_577, 2)]
    [InlineData(19_456, 101)]
    public void Validate_BeyondWhatVerificationReads_Fails(int memoryKiB, int iterations) =>
        Assert.Contains("at most", Validate(memoryKiB, iterations).FailureMessage, StringComparison.Ordinal);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(int memoryKiB, int iterations, int parallelism = 1) =>
        new UserOptionsValidator().Validate(null, new UserOptions
        {
            Argon2 = new Argon2Options { MemoryKiB = memoryKiB, Iterations = iterations, Parallelism = parallelism },
        });
}
