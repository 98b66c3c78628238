namespace Gateway.Accounts;

/// <summary>Any printable text up to 64 characters; empty means "use the username".</summary>
internal static class DisplayNameRules
{
    public const int MaxLength = 64;

    public static string? Problem(string? displayName)
    {
        if (string.IsNullOrEmpty(displayName))
        {
            return null;
        }

        if (displayName.Length > MaxLength)
        {
            return $"Display names can be at most {MaxLength} characters.";
        }

        return displayName.Any(char.IsControl) ? "Display names cannot contain control characters." : null;
    }
}
