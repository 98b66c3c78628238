using Gateway.Accounts;
using Gateway.Responses;

namespace Gateway.Administration;

/// <summary>What each <see cref="AdminResult"/> answers, for the admin API and the admin page alike.</summary>
internal static class AdminReplies
{
    public static readonly HttpError NotFound = HttpError.Of(StatusCodes.Status404NotFound,
        "not_found", "There is no user with this id: it may have been deleted. List the users to find the right id.");

    private const string UsernameTakenMessage = "That username is taken. Choose another.";

    /// <summary>The error a result stands for, or null when the action was done.</summary>
    public static HttpError? ErrorOf(AdminResult result) => result switch
    {
        AdminResult.NotFound => NotFound,
        AdminResult.Invalid invalid => Invalid(invalid.Field, invalid.Message),
        AdminResult.UsernameTaken => new HttpError(StatusCodes.Status409Conflict, new ErrorBody("username_taken",
            UsernameTakenMessage, new Dictionary<string, string> { [UserAccounts.UsernameField] = UsernameTakenMessage })),
        _ => null,
    };

    /// <summary>400 naming the field to fix.</summary>
    public static HttpError Invalid(string field, string message) => new(StatusCodes.Status400BadRequest,
        new ErrorBody("invalid_input", message, new Dictionary<string, string> { [field] = message }));

    /// <summary>The error, or 200 with the user (204 when <paramref name="withUser"/> is false, and for a deletion).</summary>
    public static Task WriteAsync(HttpContext context, Replies replies, AdminResult result, bool withUser = true)
    {
        if (ErrorOf(result) is { } error)
        {
            return replies.ErrorAsync(context, error);
        }

        if (result is AdminResult.Done done && withUser)
        {
            return Replies.JsonAsync(context, StatusCodes.Status200OK, AdminUserJson.Of(done.User));
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
