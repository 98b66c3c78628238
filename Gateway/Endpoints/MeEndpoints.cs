using System.Globalization;
using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Pages;
using Gateway.Tokens;
using Gateway.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

internal static class MeEndpoints
{
    public static void MapMe(this RouteGroupBuilder group)
    {
        group.MapGet("/me", MeAsync);
        group.MapGet("/account", AccountAsync);
    }

    /// <summary>JSON for scripts: always 401 JSON when unauthenticated, never a redirect.</summary>
    private static async Task MeAsync(HttpContext context, IUserStore users)
    {
        var user = await CurrentUserAsync(context, users);
        if (user is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await AuthResponses.JsonAsync(context, StatusCodes.Status401Unauthorized,
                new ErrorBody("unauthorized", "Send a valid token in the cookie or as Authorization: Bearer <token>."));
            return;
        }

        await AuthResponses.JsonAsync(context, StatusCodes.Status200OK, new
        {
            id = user.Id,
            username = user.Username,
            displayName = user.DisplayName,
            expiresAt = ExpiresAt(context),
        });
    }

    private static async Task AccountAsync(
        HttpContext context, IUserStore users, PageRenderer pages, IOptions<GatewayOptions> options)
    {
        var user = await CurrentUserAsync(context, users);
        if (user is null)
        {
            // The group is anonymous so /me can answer JSON; the account page sends browsers to sign in instead.
            await context.ChallengeAsync();
            return;
        }

        var expiresAt = ExpiresAt(context);
        await pages.WriteAsync(context, Page.Account, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            ["username"] = user.Username,
            ["displayName"] = user.DisplayName,
            ["initial"] = Initial(user.DisplayName),
            // The page script rewrites this in the reader's time zone; without scripts it stays in UTC.
            ["expiresAt"] = expiresAt?.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["expiresAtIso"] = expiresAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["passwordPath"] = options.Value.PasswordPath,
            ["notice"] = context.Request.Query["notice"] == PasswordEndpoints.ChangedNotice
                ? "Your password was changed, and you were signed out on every other device."
                : null,
        });
    }

    /// <summary>The first letter of a name as a person reads it (a whole emoji or accented letter, not half of one).</summary>
    private static string Initial(string name) =>
        name.Length == 0 ? "?" : StringInfo.GetNextTextElement(name).ToUpperInvariant();

    internal static async Task<User?> CurrentUserAsync(HttpContext context, IUserStore users) =>
        context.User.FindFirst(GatewayClaims.Subject)?.Value is { } id
            ? await users.FindByIdAsync(id, context.RequestAborted)
            : null;

    private static DateTimeOffset? ExpiresAt(HttpContext context) =>
        long.TryParse(context.User.FindFirst(GatewayClaims.Expires)?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
