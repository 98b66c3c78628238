using System.ComponentModel.DataAnnotations;

namespace Gateway.Accounts.Sessions;

/// <summary>The <c>Gateway:Session</c> section.</summary>
internal sealed class SessionOptions : IValidatableObject
{
    public const string Section = "Session";

    /// <summary>A cookie session used past half its token's lifetime gets a fresh token on the response.</summary>
    public bool Sliding { get; set; } = true;

    /// <summary>How long after sign-in a session that is not remembered can be refreshed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00",
        ErrorMessage = "Gateway:Session:MaxLifetime must be between 00:00:01 and 365.00:00:00.")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(12);

    public RememberMeOptions RememberMe { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Data annotations do not look into nested objects.
        if (RememberMe.Lifetime < TimeSpan.FromSeconds(1) || RememberMe.Lifetime > TimeSpan.FromDays(400))
        {
            yield return new ValidationResult(
                "Gateway:Session:RememberMe:Lifetime must be between 00:00:01 and 400.00:00:00.", [nameof(RememberMe)]);
        }
    }
}

/// <summary>The <c>Gateway:Session:RememberMe</c> section.</summary>
internal sealed class RememberMeOptions
{
    /// <summary>Offers "Keep me signed in" on the login page; when false the flag is ignored.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after sign-in a remembered session lasts, across browser restarts and idle time.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);
}
