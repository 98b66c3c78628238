using System.ComponentModel.DataAnnotations;

namespace Gateway.RequestPath.Assertions;

/// <summary>The <c>Gateway:Assertion</c> section: a signed statement of the user for backends that verify.</summary>
internal sealed class AssertionOptions
{
    public const string Section = "Assertion";

    /// <summary>The request header that carries the assertion; a client's copy is always removed (IdentityHeaderOptions.AlwaysRemoved).</summary>
    public const string HeaderName = "X-Gateway-Assertion";

    public bool Enabled { get; set; }

    /// <summary>How long an assertion is valid; at most five minutes, so one captured at a backend is soon worthless.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:05:00", ErrorMessage = "Gateway:Assertion:Lifetime must be between 00:00:10 and 00:05:00.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A PEM file holding the EC P-256 private key; unset, the gateway generates one in its data folder.</summary>
    public string? KeyPath { get; set; }
}
