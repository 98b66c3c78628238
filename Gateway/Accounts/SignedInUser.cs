using Gateway.Storage;
using Gateway.Tokens;

namespace Gateway.Accounts;

internal static class SignedInUser
{
    /// <summary>The stored user the request's validated token names, or null without one (or once the user is gone).</summary>
    public static async Task<User?> SignedInUserAsync(this HttpContext context, IUserStore users) =>
        context.User.FindFirst(GatewayClaims.Subject)?.Value is { } id
            ? await users.FindByIdAsync(id, context.RequestAborted)
            : null;

    /// <summary>When the request's token expires, from its exp claim.</summary>
    public static DateTimeOffset? TokenExpiresAt(this HttpContext context) =>
        long.TryParse(context.User.FindFirst(GatewayClaims.Expires)?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
