using Gateway.Accounts.Sessions;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.Passwords;

/// <summary>
/// Changing the password ends every other session: the new hash and the user's token cut-off are stored together, and
/// the caller gets a fresh token so they stay signed in.
/// </summary>
internal static class PasswordEndpoints
{
    private const string WrongPassword = "Your current password is incorrect.";

    private static readonly HttpError FormExpired =
        HttpError.Of(StatusCodes.Status400BadRequest, "form_expired", "This form expired. Please try again.");

    public static void MapPassword(this RouteGroupBuilder group)
    {
        group.MapGet("/password", ShowAsync);

        // Rate limited like login: a stolen session must not become a way to guess the password.
        group.MapPost("/password", SubmitAsync).RequireRateLimiting(AuthRateLimiting.Policy);
    }

    private static async Task ShowAsync(HttpContext context, IUserStore users, Replies replies)
    {
        if (await context.SignedInUserAsync(users) is not { } user)
        {
            await context.ChallengeAsync();
            return;
        }

        await replies.PageAsync(context, new PasswordPage(user.Username));
    }

    private static async Task SubmitAsync(
        HttpContext context,
        IUserStore users,
        UserAccounts accounts,
        SignOutEverywhere signOutEverywhere,
        SessionStarter signIn,
        SessionPolicy sessions,
        Replies replies,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        ILoggerFactory loggers,
        AuditTrail audit)
    {
        if (await AuthInput.ReadOrRejectAsync(context, replies) is not { } input)
        {
            return;
        }

        if (await context.SignedInUserAsync(users) is not { } user)
        {
            await context.ChallengeAsync();
            return;
        }

        var logger = loggers.CreateLogger(typeof(PasswordEndpoints));
        var form = new PasswordPage(user.Username);
        if (input.IsForm && !await antiforgery.IsRequestValidAsync(context))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await replies.ErrorAsync(context, FormExpired, form with { Error = FormExpired.Body.Message });
            return;
        }

        // The cookie rides along on any request to this host, so with the cookie only the gateway's own form may do this (CSRF).
        if (!input.IsForm && context.GetTokenSource() == TokenSource.Cookie)
        {
            await replies.ErrorAsync(context, HttpError.Of(StatusCodes.Status400BadRequest, "invalid_request",
                $"Change your password with the form at {options.Value.PasswordPath}, or send Authorization: Bearer <token> with the JSON."));
            return;
        }

        var request = new PasswordChangeRequest(
            input[UserAccounts.CurrentPasswordField], input[UserAccounts.NewPasswordField], input[UserAccounts.ConfirmPasswordField]);
        switch (await accounts.ChangePasswordAsync(user, request, () => signOutEverywhere.NextCutOff(user.Id), context.RequestAborted))
        {
            case PasswordChangeResult.Invalid invalid:
                var error = InputErrors.Invalid(invalid.Fields);
                await replies.ErrorAsync(context, error, form with { Error = error.Body.Message, Fields = invalid.Fields });
                return;

            case PasswordChangeResult.WrongPassword:
                AccountLog.PasswordChangeRefused(logger, user.Id);
                var fields = new Dictionary<string, string> { [UserAccounts.CurrentPasswordField] = WrongPassword };
                await replies.ErrorAsync(context,
                    new HttpError(StatusCodes.Status401Unauthorized, new ErrorBody("invalid_credentials", WrongPassword, fields)),
                    form with { Fields = fields });
                return;

            case PasswordChangeResult.Limited limited:
                var tooMany = AccountAttemptLimit.Refusal(limited.RetryAfter);
                await replies.ErrorAsync(context, tooMany, form with { Error = tooMany.Body.Message });
                return;

            case PasswordChangeResult.Changed changed:
                var cutOff = changed.User.TokensValidAfter;
                await signOutEverywhere.EnforceAsync(user.Id, cutOff);
                AccountLog.PasswordChanged(logger, user.Id, cutOff);
                await audit.RecordAsync(context, AuditEvents.PasswordChanged, user.Id, user.Id);
                // A new session (the password was just checked), kept signed in if the one it replaces was.
                var token = signIn.Start(context, changed.User, sessions.Read(context.User)?.Remembered == true,
                    secondFactor: Tokens.GatewayClaims.HasSecondFactor(context.User));
                await Replies.SucceededAsync(context, $"{options.Value.AccountPath}?notice={AccountPage.PasswordChangedNotice}",
                    StatusCodes.Status200OK, new { token = token.Value, expiresAt = token.ExpiresAt });
                return;
        }
    }
}
