namespace Gateway.Accounts;

/// <summary>The <c>Gateway:Users:Argon2</c> section, checked against OWASP's minimums by <see cref="UserOptionsValidator"/>.</summary>
internal sealed class Argon2Options
{
    /// <summary>Held by each hash while it runs: <see cref="UserOptions.MaxConcurrentHashes"/> times this is hashing's memory.</summary>
    public int MemoryKiB { get; set; } = 19_456;

    public int Iterations { get; set; } = 2;

    public int Parallelism { get; set; } = 1;

    public Argon2Cost Cost => new(MemoryKiB, Iterations, Parallelism);
}
