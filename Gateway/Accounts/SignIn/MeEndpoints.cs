using Gateway.Accounts.Passwords;
using Gateway.Accounts.SecondFactor;
using Gateway.Accounts.Sessions;
using Gateway.Hosting.Options;
using Gateway.Responses;
using Gateway.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.SignIn;

internal static class MeEndpoints
{
    private static readonly HttpError Unauthorized = HttpError.Of(StatusCodes.Status401Unauthorized,
        "unauthorized", "Send a valid token in the cookie or as Authorization: Bearer <token>.");

    public static void MapMe(this RouteGroupBuilder group)
    {
        group.MapGet("/me", MeAsync);
        group.MapGet("/account", AccountAsync);
    }

    /// <summary>JSON for scripts: always 401 JSON when unauthenticated, never a redirect.</summary>
    private static async Task MeAsync(HttpContext context, IUserStore users, SecondFactors factors)
    {
        if (await context.SignedInUserAsync(users) is not { } user)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Replies.JsonAsync(context, Unauthorized.StatusCode, Unauthorized.Body);
            return;
        }

        await Replies.JsonAsync(context, StatusCodes.Status200OK, new
        {
            id = user.Id,
            username = user.Username,
            displayName = user.DisplayName,
            roles = user.Roles,
            expiresAt = context.TokenExpiresAt(),
            secondFactor = await factors.IsEnrolledAsync(user.Id, context.RequestAborted),
        });
    }

    private static async Task AccountAsync(
        HttpContext context, IUserStore users, SessionPolicy sessions, Replies replies, IOptions<GatewayOptions> options,
        SecondFactors factors)
    {
        if (await context.SignedInUserAsync(users) is not { } user)
        {
            // The group is anonymous so /me can answer JSON; the account page sends browsers to sign in instead.
            await context.ChallengeAsync();
            return;
        }

        // A session refreshed while in use, or remembered, lasts until its end; any other ends with its token.
        var session = sessions.Read(context.User);
        var continued = session is not null && (session.Remembered || sessions.Options.Sliding);
        await replies.PageAsync(context, new AccountPage(user.Username, user.DisplayName)
        {
            SessionStarted = session?.AuthTime,
            SessionEnds = continued ? session!.EndsAt : context.TokenExpiresAt(),
            Remembered = session?.Remembered == true,
            AtTheLatest = continued && session?.Remembered != true,
            Notice = AccountPage.NoticeFor(context.Request.Query["notice"]),
            AdminPath = user.IsAdmin ? options.Value.AdminPath : null,
            SecondFactorPath = options.Value.SecondFactorPath,
            RecoveryCodesLeft = (await factors.FindAsync(user.Id, context.RequestAborted)) is { Enrolled: true } factor
                ? factor.RecoveryCodesLeft.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null,
        });
    }
}
