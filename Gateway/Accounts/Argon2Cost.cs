namespace Gateway.Accounts;

/// <summary>Argon2id's cost parameters: memory in KiB (m), passes over it (t), lanes (p), as in RFC 9106 section 3.1.</summary>
internal readonly record struct Argon2Cost(int MemoryKiB, int Iterations, int Parallelism)
{
    /// <summary>Beyond these a stored hash is refused unread, so a corrupt row cannot make a login allocate gigabytes.</summary>
    public const int MaxMemoryKiB = 1_048_576;

    public const int MaxIterations = 100;

    /// <summary>
    /// The OWASP Password Storage Cheat Sheet's Argon2id configurations, equally strong, all with p = 1. A cost meets
    /// the floor when it has at least the memory and at least the passes of one of them.
    /// </summary>
    public static readonly IReadOnlyList<(int MemoryKiB, int Iterations)> OwaspMinimums =
        [(47_104, 1), (19_456, 2), (12_288, 3), (9_216, 4), (7_168, 5)];

    public bool MeetsOwaspMinimum
    {
        get
        {
            var (memory, iterations) = (MemoryKiB, Iterations);
            return Parallelism == 1 && OwaspMinimums.Any(row => memory >= row.MemoryKiB && iterations >= row.Iterations);
        }
    }

    /// <summary>Within what this gateway computes: libsodium's one lane, and the bounds above.</summary>
    public bool IsComputable =>
        Parallelism == 1 && MemoryKiB is >= 8 and <= MaxMemoryKiB && Iterations is >= 1 and <= MaxIterations;

    public override string ToString() => $"m={MemoryKiB},t={Iterations},p={Parallelism}";
}
