using System.ComponentModel.DataAnnotations;

namespace Gateway.Users;

/// <summary>The <c>Gateway:Users</c> section.</summary>
internal sealed class UserOptions
{
    public const string Section = "Users";

    /// <summary>OWASP's 2023 floor for PBKDF2-HMAC-SHA512 is 210,000; we stay above it.</summary>
    public const int MinimumIterations = 220_000;

    public bool AllowRegistration { get; set; } = true;

    [Range(MinimumIterations, 10_000_000,
        ErrorMessage = "Gateway:Users:PasswordIterations must be between 220000 and 10000000.")]
    public int PasswordIterations { get; set; } = MinimumIterations;

    /// <summary>Password hashes computed at once; more requests queue, so a login flood cannot starve proxying.</summary>
    [Range(1, 256, ErrorMessage = "Gateway:Users:MaxConcurrentHashes must be between 1 and 256.")]
    public int MaxConcurrentHashes { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);
}
