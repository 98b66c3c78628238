namespace Gateway.RequestPath.Policies;

/// <summary>
/// <c>Gateway:Policies</c>: named role policies a route uses in YARP's <c>AuthorizationPolicy</c>. Bound from the
/// <c>Gateway</c> section, since the policies are a dictionary directly under it.
/// </summary>
internal sealed class RoutePolicyOptions
{
    public const string SectionName = "Policies";

    public Dictionary<string, RoutePolicy> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A signed-in user with any one of <see cref="Roles"/> (when it lists any) passes, with a second factor when
/// <see cref="RequireSecondFactor"/>.</summary>
internal sealed class RoutePolicy
{
    public List<string> Roles { get; set; } = [];

    /// <summary>The session's sign-in must have checked a TOTP or recovery code (amr holds otp).</summary>
    public bool RequireSecondFactor { get; set; }
}
