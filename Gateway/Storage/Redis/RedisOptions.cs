using System.ComponentModel.DataAnnotations;

namespace Gateway.Storage.Redis;

/// <summary>The <c>Gateway:Redis</c> section. Without <see cref="Configuration"/>, revocations stay in memory.</summary>
internal sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...</c>. May hold a secret: never logged.</summary>
    public string? Configuration { get; set; }

    /// <summary>Put before every key and the channel name, so several gateways can share one Redis.</summary>
    // No glob characters (* ? [ ] \), so the prefix can be used as is in a SCAN pattern.
    [Required(ErrorMessage = "Gateway:Redis:KeyPrefix must not be empty.")]
    [RegularExpression("^[A-Za-z0-9:._{}-]{1,64}$",
        ErrorMessage = "Gateway:Redis:KeyPrefix must be 1 to 64 letters, digits or : . _ - {{ }} (for example gateway:).")]
    public string KeyPrefix { get; set; } = "gateway:";

    /// <summary>
    /// Unset (the default): fail open, protected routes keep working on the local view however long Redis is away.
    /// Set: once the local view has been out of sync with Redis for longer than this, protected routes answer 503.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00",
        ErrorMessage = "Gateway:Redis:MaxStaleness must be between 00:00:01 and 1.00:00:00, or unset to fail open.")]
    public TimeSpan? MaxStaleness { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
