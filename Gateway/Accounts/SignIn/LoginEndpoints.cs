using Gateway.Accounts.SecondFactor;
using Gateway.Accounts.Sessions;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Storage;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.SignIn;

internal static class LoginEndpoints
{
    private static readonly HttpError BadCredentials =
        HttpError.Of(StatusCodes.Status401Unauthorized, "invalid_credentials", "Incorrect username or password.");

    private static readonly HttpError AccountDisabled =
        HttpError.Of(StatusCodes.Status403Forbidden, "account_disabled", "This account is disabled. Ask your administrator.");

    private static readonly HttpError MissingFields =
        HttpError.Of(StatusCodes.Status400BadRequest, "invalid_request", "Enter your username and password.");

    private static readonly HttpError FormExpired =
        HttpError.Of(StatusCodes.Status400BadRequest, "form_expired", "This sign-in form expired. Please try again.");

    public static void MapLogin(this RouteGroupBuilder group)
    {
        group.MapGet("/login", ShowAsync);
        group.MapPost("/login", SubmitAsync).RequireRateLimiting(AuthRateLimiting.Policy);
    }

    /// <summary>The form field (and JSON property) of "Keep me signed in".</summary>
    public const string RememberMeField = AuthInput.RememberMeField;

    private static Task ShowAsync(
        HttpContext context, Replies replies, IOptions<GatewayOptions> options, SessionPolicy sessions)
    {
        var query = context.Request.Query;
        var notice = query["reason"].ToString() switch
        {
            ChallengeResponses.ExpiredReason => "Your session has expired, please sign in again.",
            ChallengeResponses.CookieConflictReason =>
                "Your browser holds conflicting sign-in cookies for this site. Please clear the cookies for this site, then sign in again.",
            "logged_out" => "You have been signed out.",
            "logged_out_everywhere" => "You have been signed out on every device.",
            ChallengeResponses.SecondFactorReason => "That page needs two-step sign-in: sign in again with the code from your authenticator app.",
            _ => null,
        };

        return replies.PageAsync(context, new LoginPage(ReturnUrl.AfterSignIn(query["returnUrl"], options.Value))
        {
            Notice = notice,
            OfferRememberMe = sessions.Options.RememberMe.Enabled,
        });
    }

    private static async Task SubmitAsync(
        HttpContext context,
        UserAccounts accounts,
        SessionStarter signIn,
        TokenCookieStorage cookieStorage,
        Replies replies,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        SessionPolicy sessions,
        ILoggerFactory loggers,
        AuditTrail audit,
        IUserStore users,
        TimeProvider time,
        SecondFactors secondFactors,
        LoginChallenges challenges,
        IOptions<SecondFactorOptions> secondFactorOptions,
        GatewayMetrics metrics)
    {
        if (await AuthInput.ReadOrRejectAsync(context, replies) is not { } input)
        {
            return;
        }

        var logger = loggers.CreateLogger(typeof(LoginEndpoints));
        var username = input[UserAccounts.UsernameField];
        var password = input[UserAccounts.PasswordField];
        var offerRememberMe = sessions.Options.RememberMe.Enabled;
        var rememberMe = offerRememberMe && IsTicked(input[RememberMeField]);
        var form = new LoginPage(ReturnUrl.AfterSignIn(input["returnUrl"], options.Value))
        {
            Username = username,
            OfferRememberMe = offerRememberMe,
            RememberMe = rememberMe,
        };

        // A browser that would drop the token cookie would only come back here, signing in again and again; checked
        // before the antiforgery token, whose cookie shares the Secure setting and so is dropped too.
        if (cookieStorage.Refusal(context.Request) is { } unstored)
        {
            await replies.ErrorAsync(context, unstored);
            return;
        }

        if (input.IsForm && !await antiforgery.IsRequestValidAsync(context))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await replies.ErrorAsync(context, FormExpired, form with { Error = FormExpired.Body.Message });
            return;
        }

        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            await replies.ErrorAsync(context, MissingFields, form with { Error = MissingFields.Body.Message });
            return;
        }

        var check = await accounts.SignInAsync(username, password, context.RequestAborted);
        if (check is LoginCheck.Limited limited)
        {
            metrics.LoginAttempted(LoginOutcome.Throttled);
            var tooMany = AccountAttemptLimit.Refusal(limited.RetryAfter);
            await replies.ErrorAsync(context, tooMany, form with { Error = tooMany.Body.Message });
            return;
        }

        if (check is not LoginCheck.Verified { User: var user })
        {
            AuthLog.LoginFailed(logger, AuthLog.Clean(username));
            metrics.LoginAttempted(LoginOutcome.Failed);
            await audit.RecordAsync(context, AuditEvents.LoginFailed, actor: null, target: null, TriedUsername(username));
            await replies.ErrorAsync(context, BadCredentials, form with { Error = BadCredentials.Body.Message });
            return;
        }

        // Only after the password matched, so a guesser learns nothing from it; read per login, so a change made by
        // another process (the command line) applies at once.
        if (user.Disabled)
        {
            AuthLog.LoginFailed(logger, user.Username);
            metrics.LoginAttempted(LoginOutcome.Failed);
            await audit.RecordAsync(context, AuditEvents.LoginFailed, user.Id, user.Id, $"{user.Username}: account disabled");
            await replies.ErrorAsync(context, AccountDisabled, form with { Error = AccountDisabled.Body.Message });
            return;
        }

        // The password alone issues no token to an enrolled user; the challenge is worth nothing without the code.
        var enrolled = await secondFactors.IsEnrolledAsync(user.Id, context.RequestAborted);
        if (enrolled)
        {
            var challenge = challenges.Issue(user, rememberMe);
            SecondFactorLog.SecondStepRequired(logger, user.Id);
            await replies.ErrorAsync(context, SecondStepEndpoints.Required(challenge),
                new SecondStepPage(challenge, form.ReturnUrl) { SecondStepPath = SecondStepEndpoints.Path(options.Value) });
            return;
        }

        // Gateway:SecondFactor:RequiredForAll: signed in, but sent to enrol before anything else opens.
        var next = secondFactorOptions.Value.RequiredForAll
            ? $"{options.Value.SecondFactorPath}?returnUrl={Uri.EscapeDataString(form.ReturnUrl)}"
            : form.ReturnUrl;
        var token = signIn.Start(context, user, rememberMe);
        AuthLog.LoginSucceeded(logger, user.Username, user.Id);
        metrics.LoginAttempted(LoginOutcome.Succeeded);
        await users.RecordLoginAsync(user.Id, time.GetUtcNow(), CancellationToken.None);
        await audit.RecordAsync(context, AuditEvents.LoginSucceeded, user.Id, user.Id, user.Username);
        await Replies.SucceededAsync(context, next, StatusCodes.Status200OK,
            new { token = token.Value, expiresAt = token.ExpiresAt });
    }

    // A checkbox sends its value ("true", or "on" without one) only when ticked; JSON sends true, read as "true".
    private static bool IsTicked(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "on", StringComparison.OrdinalIgnoreCase);

    /// <summary>The username tried, for the audit log, only when it could be one: anything else may be a mistyped password.</summary>
    private static string TriedUsername(string username) =>
        UsernameRules.Problem(username) is null ? username : "invalid username";
}
