namespace Gateway.Accounts;

/// <summary>8 to 128 characters, any characters at all (NIST SP 800-63B section 5.1.1.2: no composition rules).</summary>
internal static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static string? Problem(string? password) => password switch
    {
        null or "" => "Choose a password.",
        { Length: < MinLength } => $"Passwords need at least {MinLength} characters.",
        { Length: > MaxLength } => $"Passwords can be at most {MaxLength} characters.",
        _ => null,
    };
}
