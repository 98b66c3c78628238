namespace Gateway.Accounts;

/// <summary>
/// Any visible text up to 64 characters; empty means "use the username". Nothing invisible
/// (<see cref="InvisibleCharacters"/>): a display name is read by people, so it must show what it is.
/// </summary>
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

        return InvisibleCharacters.First(displayName) is var (codePoint, position)
            ? $"Display names cannot contain invisible or formatting characters (direction overrides, zero-width " +
              $"characters, controls): character {position} is {InvisibleCharacters.Name(codePoint)}. Type the name without it."
            : null;
    }
}
