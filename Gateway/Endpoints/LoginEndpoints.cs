using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Pages;
using Gateway.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

internal static class LoginEndpoints
{
    private const string BadCredentials = "Incorrect username or password.";

    public static void MapLogin(this RouteGroupBuilder group)
    {
        group.MapGet("/login", ShowAsync);
        group.MapPost("/login", SubmitAsync).RequireRateLimiting(AuthRateLimiting.Policy);
    }

    private static Task ShowAsync(HttpContext context, PageRenderer pages, IOptions<GatewayOptions> options)
    {
        var query = context.Request.Query;
        var notice = query["reason"].ToString() switch
        {
            ChallengeResponses.ExpiredReason => "Your session has expired, please sign in again.",
            ChallengeResponses.CookieConflictReason =>
                "Your browser holds conflicting sign-in cookies for this site. Please clear the cookies for this site, then sign in again.",
            "logged_out" => "You have been signed out.",
            "logged_out_everywhere" => "You have been signed out on every device.",
            _ => null,
        };

        return pages.WriteAsync(context, Page.Login, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            ["notice"] = notice,
            ["returnUrl"] = SafeReturnUrl(query["returnUrl"], options.Value),
        });
    }

    private static async Task SubmitAsync(
        HttpContext context,
        Accounts accounts,
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

        var username = input[Accounts.UsernameField];
        var password = input[Accounts.PasswordField];
        var returnUrl = SafeReturnUrl(input["returnUrl"], options.Value);

        if (input.IsForm && !await antiforgery.IsRequestValidAsync(context))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await ShowFormAsync(StatusCodes.Status400BadRequest, "This sign-in form expired. Please try again.");
            return;
        }

        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            const string message = "Enter your username and password.";
            await (input.IsForm
                ? ShowFormAsync(StatusCodes.Status400BadRequest, message)
                : AuthResponses.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("invalid_request", message)));
            return;
        }

        // No valid account has a longer password, so skipping the hash here tells an attacker nothing.
        var user = password.Length <= PasswordRules.MaxLength
            ? await accounts.VerifyAsync(username, password, context.RequestAborted)
            : null;
        if (user is null)
        {
            AuthLog.LoginFailed(logger, AuthLog.Clean(username));
            await (input.IsForm
                ? ShowFormAsync(StatusCodes.Status401Unauthorized, BadCredentials)
                : AuthResponses.JsonAsync(context, StatusCodes.Status401Unauthorized, new ErrorBody("invalid_credentials", BadCredentials)));
            return;
        }

        var token = signIn.Start(context, user);
        AuthLog.LoginSucceeded(logger, user.Username, user.Id);
        if (input.IsForm)
        {
            AuthResponses.SeeOther(context, returnUrl);
            return;
        }

        await AuthResponses.JsonAsync(context, StatusCodes.Status200OK, new { token = token.Value, expiresAt = token.ExpiresAt });

        Task ShowFormAsync(int statusCode, string message) =>
            pages.WriteAsync(context, Page.Login, statusCode, new Dictionary<string, object?>
            {
                ["error"] = message,
                ["username"] = username,
                ["returnUrl"] = returnUrl,
            });
    }

    /// <summary>Never send the browser back to a sign-in or sign-out page after signing in: that would loop.</summary>
    internal static string SafeReturnUrl(string? value, GatewayOptions options) =>
        ReturnUrl.Sanitize(value, options.LoginPath, options.LogoutPath, options.RegisterPath);
}
