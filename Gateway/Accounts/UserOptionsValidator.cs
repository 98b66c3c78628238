using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>Refuses to start with Argon2id parameters weaker than OWASP's, or ones libsodium cannot compute.</summary>
internal sealed class UserOptionsValidator : IValidateOptions<UserOptions>
{
    private const string Section = "Gateway:Users:Argon2";

    public ValidateOptionsResult Validate(string? name, UserOptions options)
    {
        var cost = options.Argon2.Cost;
        if (cost.Parallelism != 1)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:Parallelism must be 1: libsodium computes Argon2id in one lane, as OWASP's configurations do.");
        }

        if (cost.MemoryKiB > Argon2Cost.MaxMemoryKiB || cost.Iterations > Argon2Cost.MaxIterations)
        {
            return ValidateOptionsResult.Fail(
                $"{Section}:MemoryKiB must be at most {Argon2Cost.MaxMemoryKiB} (1 GiB) and {Section}:Iterations at most " +
                $"{Argon2Cost.MaxIterations}; they are {cost.MemoryKiB} and {cost.Iterations}.");
        }

        if (!cost.MeetsOwaspMinimum)
        {
            var rows = string.Join(", ", Argon2Cost.OwaspMinimums.Select(row => $"{row.MemoryKiB} KiB with {row.Iterations}"));
            return ValidateOptionsResult.Fail(
                $"{Section}:MemoryKiB={cost.MemoryKiB} with {Section}:Iterations={cost.Iterations} is weaker than OWASP's " +
                $"minimum for Argon2id. Use at least the memory and the iterations of one of: {rows} (the default is 19456 with 2).");
        }

        return ValidateOptionsResult.Success;
    }
}
