using System.ComponentModel.DataAnnotations;

namespace Gateway.Accounts.SecondFactor;

/// <summary>The <c>Gateway:SecondFactor</c> section.</summary>
internal sealed class SecondFactorOptions
{
    public const string Section = "SecondFactor";

    /// <summary>Every user must enrol at their next sign-in before any protected route opens.</summary>
    public bool RequiredForAll { get; set; }

    /// <summary>Wrong codes (and recovery codes) per account within <see cref="WrongCodeWindow"/> before the second step locks.</summary>
    [Range(1, 1000, ErrorMessage = "Gateway:SecondFactor:MaxWrongCodes must be from 1 to 1000.")]
    public int MaxWrongCodes { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00",
        ErrorMessage = "Gateway:SecondFactor:WrongCodeWindow must be from 00:00:10 to 1.00:00:00.")]
    public TimeSpan WrongCodeWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the second step may follow the password check.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00",
        ErrorMessage = "Gateway:SecondFactor:ChallengeLifetime must be from 00:00:30 to 01:00:00.")]
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The name authenticator apps show next to the account; Gateway:Pages:Title when empty.</summary>
    [StringLength(80)]
    public string? Issuer { get; set; }
}
