using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Pages;
using Gateway.Revocation;
using Gateway.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// Changing the password ends every other session: the new hash and the user's token cut-off are stored together, and
/// the caller gets a fresh token so they stay signed in.
/// </summary>
internal static class PasswordEndpoints
{
    public const string ChangedNotice = "password_changed";
    private const string WrongPassword = "Your current password is incorrect.";

    public static void MapPassword(this RouteGroupBuilder group)
    {
        group.MapGet("/password", ShowAsync);

        // Rate limited like login: a stolen session must not become a way to guess the password.
        group.MapPost("/password", SubmitAsync).RequireRateLimiting(AuthRateLimiting.Policy);
    }

    private static async Task ShowAsync(HttpContext context, IUserStore users, PageRenderer pages, IOptions<GatewayOptions> options)
    {
        var user = await MeEndpoints.CurrentUserAsync(context, users);
        if (user is null)
        {
            await context.ChallengeAsync();
            return;
        }

        await pages.WriteAsync(context, Page.Password, StatusCodes.Status200OK, Model(options.Value, user, null, null));
    }

    private static async Task SubmitAsync(
        HttpContext context,
        IUserStore users,
        Accounts accounts,
        SignOutEverywhere signOutEverywhere,
        SignIn signIn,
        PageRenderer pages,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        ILogger<Accounts> logger)
    {
        if (await AuthInput.ReadOrRejectAsync(context, pages) is not { } input)
        {
            return;
        }

        var user = await MeEndpoints.CurrentUserAsync(context, users);
        if (user is null)
        {
            await context.ChallengeAsync();
            return;
        }

        if (input.IsForm && !await antiforgery.IsRequestValidAsync(context))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await ShowFormAsync(StatusCodes.Status400BadRequest, "This form expired. Please try again.", fields: null);
            return;
        }

        // The cookie rides along on any request to this host, so with the cookie only the gateway's own form may do this (CSRF).
        if (!input.IsForm && context.GetTokenSource() == TokenSource.Cookie)
        {
            await AuthResponses.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("invalid_request",
                $"Change your password with the form at {options.Value.PasswordPath}, or send Authorization: Bearer <token> with the JSON."));
            return;
        }

        var request = new PasswordChangeRequest(
            input[Accounts.CurrentPasswordField], input[Accounts.NewPasswordField], input[Accounts.ConfirmPasswordField]);
        switch (await accounts.ChangePasswordAsync(user, request, () => signOutEverywhere.NextCutOff(user.Id), context.RequestAborted))
        {
            case PasswordChangeResult.Invalid invalid:
                const string check = "Please correct the fields below.";
                await (input.IsForm
                    ? ShowFormAsync(StatusCodes.Status400BadRequest, check, invalid.Fields)
                    : AuthResponses.JsonAsync(context, StatusCodes.Status400BadRequest,
                        new ErrorBody("invalid_input", check, invalid.Fields)));
                return;

            case PasswordChangeResult.WrongPassword:
                AccountLog.PasswordChangeRefused(logger, user.Id);
                var fields = new Dictionary<string, string> { [Accounts.CurrentPasswordField] = WrongPassword };
                await (input.IsForm
                    ? ShowFormAsync(StatusCodes.Status401Unauthorized, message: null, fields)
                    : AuthResponses.JsonAsync(context, StatusCodes.Status401Unauthorized,
                        new ErrorBody("invalid_credentials", WrongPassword, fields)));
                return;

            case PasswordChangeResult.Changed changed:
                var cutOff = changed.User.TokensValidAfter;
                await signOutEverywhere.EnforceAsync(user.Id, cutOff);
                AccountLog.PasswordChanged(logger, user.Id, cutOff);
                var token = signIn.Start(context, changed.User);
                if (input.IsForm)
                {
                    AuthResponses.SeeOther(context, $"{options.Value.AccountPath}?notice={ChangedNotice}");
                    return;
                }

                await AuthResponses.JsonAsync(context, StatusCodes.Status200OK, new { token = token.Value, expiresAt = token.ExpiresAt });
                return;
        }

        Task ShowFormAsync(int statusCode, string? message, IReadOnlyDictionary<string, string>? fields) =>
            pages.WriteAsync(context, Page.Password, statusCode, Model(options.Value, user, message, fields));
    }

    private static Dictionary<string, object?> Model(
        GatewayOptions options, User user, string? error, IReadOnlyDictionary<string, string>? fields) => new()
    {
        ["passwordPath"] = options.PasswordPath,
        ["username"] = user.Username,
        ["error"] = error,
        ["currentPasswordError"] = fields?.GetValueOrDefault(Accounts.CurrentPasswordField),
        ["newPasswordError"] = fields?.GetValueOrDefault(Accounts.NewPasswordField),
        ["confirmPasswordError"] = fields?.GetValueOrDefault(Accounts.ConfirmPasswordField),
    };
}
