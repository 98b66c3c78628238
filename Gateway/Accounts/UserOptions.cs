using System.ComponentModel.DataAnnotations;

namespace Gateway.Accounts;

/// <summary>The <c>Gateway:Users</c> section.</summary>
internal sealed class UserOptions
{
    public const string Section = "Users";

    /// <summary>OWASP's 2023 floor for PBKDF2-HMAC-SHA512 is 210,000; we stay above it.</summary>
    public const int MinimumIterations = 220_000;

    /// <summary>One thread's PBKDF2-HMAC-SHA512 rate at <see cref="MinimumIterations"/> (README benchmark: 101 ms a login).</summary>
    private const double HashesPerSecondAtMinimumIterations = 10;

    /// <summary>
    /// One thread's Argon2id rate at the default m=19456, t=2: 28 ms of CPU a hash on a quiet 2-core machine, 33 to 36 ms
    /// on a busy one (bench/run.sh's hash-cost row, where PBKDF2 at 220,000 iterations took 194 to 198 ms).
    /// </summary>
    private const double HashesPerSecondAtDefaultArgon2 = 35;

    private const double DefaultArgon2Work = 19_456.0 * (2 + 1);

    public bool AllowRegistration { get; set; } = true;


    /// <summary>The scheme of new and rehashed passwords; a stored hash of another scheme is replaced at its next login.</summary>
    public PasswordScheme PasswordScheme { get; set; } = PasswordScheme.Argon2id;

    /// <summary>Checked against OWASP's minimums by <see cref="UserOptionsValidator"/>.</summary>
    public Argon2Options Argon2 { get; set; } = new();

    [Range(MinimumIterations, 10_000_000,
        ErrorMessage = "Gateway:Users:PasswordIterations must be between 220000 and 10000000.")]
    public int PasswordIterations { get; set; } = MinimumIterations;

    /// <summary>Password hashes computed at once; more requests queue, so a login flood cannot starve proxying.</summary>
    [Range(1, 256, ErrorMessage = "Gateway:Users:MaxConcurrentHashes must be between 1 and 256.")]
    public int MaxConcurrentHashes { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Hashes waiting for a thread; beyond, a login answers 503 at once. Unset: see <see cref="QueueBound"/>.</summary>
    [Range(1, 100_000, ErrorMessage = "Gateway:Users:MaxQueuedHashes must be between 1 and 100000.")]
    public int? MaxQueuedHashes { get; set; }

    /// <summary>How long a hash may wait for a thread; past it, it is dropped unhashed and the request answers 503.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00",
        ErrorMessage = "Gateway:Users:HashDeadline must be between 00:00:01 and 00:01:00.")]
    public TimeSpan HashDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hashing threads run at nice 10 so a login flood yields the cores to proxying. Off only where hashing must not
    /// starve behind other busy work in the same process or machine (the test suite).
    /// </summary>
    public bool LowPriorityHashing { get; set; } = true;

    /// <summary>
    /// <see cref="MaxQueuedHashes"/>, or by default what the threads get through within the deadline: threads x deadline
    /// x one thread's hashes a second (<see cref="HashesPerSecond"/>). A longer queue would hold hashes that miss it.
    /// </summary>
    public int QueueBound() => MaxQueuedHashes ?? Math.Max(1, (int)Math.Ceiling(
        MaxConcurrentHashes * HashDeadline.TotalSeconds * HashesPerSecond()));

    /// <summary>
    /// One thread's rate for the configured scheme, from the measured rate at its default cost scaled by the work:
    /// iterations for PBKDF2; for Argon2id memory x (passes + 1): each pass fills or reads all m KiB (RFC 9106 section
    /// 3.4), and libsodium maps the m KiB afresh for every hash, whose page faults cost about one pass more.
    /// </summary>
    public double HashesPerSecond() => PasswordScheme == PasswordScheme.Pbkdf2
        ? HashesPerSecondAtMinimumIterations * MinimumIterations / PasswordIterations
        : HashesPerSecondAtDefaultArgon2 * DefaultArgon2Work / ((double)Argon2.MemoryKiB * (Argon2.Iterations + 1));
}
