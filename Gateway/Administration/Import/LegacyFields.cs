namespace Gateway.Administration.Import;

/// <summary>Which fields of the export hold what; dotted paths reach nested fields (<c>profile.nick</c>).</summary>
/// <param name="Role">
/// A boolean field granting <c>admin</c> (<c>true</c>, <c>1</c>), or a list of roles (a JSON array, or text separated
/// by commas or semicolons); null: imported users get no roles.
/// </param>
internal sealed record LegacyFields(string Username, string Password, string DisplayName, string? Role)
{
    public const string DefaultUsername = "username";
    public const string DefaultPassword = "password";
    public const string DefaultDisplayName = "displayName";
}
