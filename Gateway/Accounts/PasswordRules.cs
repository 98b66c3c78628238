namespace Gateway.Accounts;

/// <summary>
/// 8 to 128 characters, any characters at all, with no composition rules; but not a password that is guessed first:
/// a common one (<see cref="CommonPasswords"/>), one character repeated, or the username (NIST SP 800-63B section
/// 5.1.1.2, "commonly-used, expected, or compromised" values and "context-specific words").
/// </summary>
internal static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    /// <param name="username">The account's username, which the password must not be, in any case or repeated.</param>
    public static string? Problem(string? password, string? username) => password switch
    {
        null or "" => "Choose a password.",
        { Length: < MinLength } => $"Passwords need at least {MinLength} characters.",
        { Length: > MaxLength } => $"Passwords can be at most {MaxLength} characters.",
        _ when IsOneCharacterRepeated(password) => "Passwords cannot be one character repeated.",
        _ when IsUsernameRepeated(password, username) => "Passwords cannot be your username, in any case or repeated.",
        _ when CommonPasswords.Contains(password) => "This is one of the most common passwords, which are guessed first: choose another.",
        _ => null,
    };

    private static bool IsOneCharacterRepeated(string password)
    {
        var runes = password.EnumerateRunes();
        runes.MoveNext();
        var first = runes.Current;
        foreach (var rune in runes)
        {
            if (rune != first)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUsernameRepeated(string password, string? username)
    {
        if (string.IsNullOrEmpty(username) || password.Length % username.Length != 0)
        {
            return false;
        }

        for (var at = 0; at < password.Length; at += username.Length)
        {
            if (!password.AsSpan(at, username.Length).Equals(username, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
