namespace Gateway.Storage;

/// <summary>
/// Usernames are 3 to 64 characters of ASCII letters, digits and <c>. _ - @</c>, starting with a letter or digit,
/// compared without regard to case. ASCII only, so two names can never look alike and differ.
/// </summary>
internal static class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    public static string? Problem(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return "Choose a username.";
        }

        if (username.Length is < MinLength or > MaxLength)
        {
            return $"Usernames are {MinLength} to {MaxLength} characters long.";
        }

        if (!char.IsAsciiLetterOrDigit(username[0]))
        {
            return "Usernames start with a letter or a digit.";
        }

        return username.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            ? null
            : "Usernames may contain only letters, digits, and . _ - @";
    }

    /// <summary>The key usernames are unique by.</summary>
    public static string Normalize(string username) => username.ToLowerInvariant();
}
