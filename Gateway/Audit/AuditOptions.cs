using System.ComponentModel.DataAnnotations;

namespace Gateway.Audit;

/// <summary>The <c>Gateway:Audit</c> section.</summary>
internal sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long events are kept in the user store; older ones are deleted.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00",
        ErrorMessage = "Gateway:Audit:Retention must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
