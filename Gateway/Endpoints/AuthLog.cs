namespace Gateway.Endpoints;

/// <summary>Sign-in events. Usernames are logged (cleaned of control characters); passwords and tokens never are.</summary>
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

    /// <summary>A username as typed, safe to put in a log line: no control characters (log forging), bounded length.</summary>
    public static string Clean(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return "(empty)";
        }

        var cleaned = new string(username.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return username.Length > 64 ? cleaned + "..." : cleaned;
    }
}
