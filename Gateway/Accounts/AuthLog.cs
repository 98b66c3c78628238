namespace Gateway.Accounts;

/// <summary>
/// Sign-in events. Usernames are logged (their control characters escaped by <see cref="Logging.LogValue"/>, like every
/// logged text); passwords and tokens never are.
/// </summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Login succeeded for {Username} (user {UserId})")]
    public static partial void LoginSucceeded(ILogger logger, string username, string userId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Login failed for {Username}")]
    public static partial void LoginFailed(ILogger logger, string username);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Registered {Username} (user {UserId})")]
    public static partial void Registered(ILogger logger, string username, string userId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Logged out user {UserId}")]
    public static partial void LoggedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Rejected a {Path} form post with a missing or invalid antiforgery token")]
    public static partial void AntiforgeryFailed(ILogger logger, string path);

    /// <summary>
    /// A username as typed, of bounded length. Its control characters are escaped where every logged value is
    /// (<see cref="Logging.LogValueEscaping"/>), not here: escaping twice would turn "\x0D" into "\x5Cx0D".
    /// </summary>
    public static string Clean(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return "(empty)";
        }

        return username.Length > 64 ? string.Concat(username.AsSpan(0, 64), "...") : username;
    }
}
