using System.ComponentModel.DataAnnotations;

namespace Gateway.Tokens;

/// <summary>The <c>Gateway:Jwt</c> section.</summary>
internal sealed class JwtOptions
{
    public const string Section = "Jwt";
    public const int MinimumKeyBytes = 32;

    /// <summary>HMAC-SHA256 key, used as its UTF-8 bytes; at least 32 bytes. Never logged.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Keys that signed earlier tokens, accepted for validation only while a rotation runs; same strength rules as
    /// <see cref="SigningKey"/>. Empty entries are skipped. Never logged.
    /// </summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    [Required(ErrorMessage = "Gateway:Jwt:Issuer must not be empty.")]
    public string Issuer { get; set; } = "auth-gateway";

    [Required(ErrorMessage = "Gateway:Jwt:Audience must not be empty.")]
    public string Audience { get; set; } = "auth-gateway";

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00",
        ErrorMessage = "Gateway:Jwt:Lifetime must be between 00:00:01 and 30.00:00:00.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tolerance for clocks that drift between gateway instances: seconds, not ASP.NET's five-minute default.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:02:00",
        ErrorMessage = "Gateway:Jwt:ClockSkew must be between 00:00:00 and 00:02:00.")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many validated tokens are remembered so they are not checked again on every request; 0 turns it off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Gateway:Jwt:ValidatedTokenCacheSize must be between 0 and 1000000.")]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    /// <summary>Set when the key was generated for Development rather than configured.</summary>
    internal string? GeneratedKeyPath { get; set; }
}
