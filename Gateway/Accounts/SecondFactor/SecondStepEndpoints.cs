using Gateway.Accounts.Sessions;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Storage;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// <c>POST /auth/login/second-factor</c>: the challenge the password step returned, with a code or a recovery code.
/// Only then is a token issued (amr pwd, otp). A wrong code counts against the account's limit and keeps the challenge;
/// a used, expired or forged challenge is refused, and the person signs in again.
/// </summary>
internal static class SecondStepEndpoints
{
    public const string ChallengeField = "challenge";
    public const string RecoveryCodeField = "recoveryCode";

    private static readonly HttpError ChallengeRefused = HttpError.Of(StatusCodes.Status401Unauthorized,
        "invalid_challenge", "This sign-in expired or was already used. Sign in again with your password.");

    private static readonly HttpError WrongCode = HttpError.Of(StatusCodes.Status401Unauthorized,
        "invalid_code", "That code is not right. Enter the code your authenticator app shows now, or a recovery code.");

    private static readonly HttpError FormExpired =
        HttpError.Of(StatusCodes.Status400BadRequest, "form_expired", "This sign-in form expired. Please sign in again.");

    /// <summary>The password step's answer for an enrolled user: no token yet, a challenge for the second step.</summary>
    public static HttpError Required(string challenge) => new(StatusCodes.Status401Unauthorized,
        new ErrorBody("second_factor_required", "Enter the code from your authenticator app to finish signing in.")
        {
            Challenge = challenge,
        })
    {
        PageStatusCode = StatusCodes.Status200OK,
    };

    public static string Path(GatewayOptions options) => options.LoginPath + "/second-factor";

    public static void MapSecondStep(this RouteGroupBuilder group) =>
        group.MapPost("/login/second-factor", SubmitAsync).RequireRateLimiting(AuthRateLimiting.Policy);

    private static async Task SubmitAsync(
        HttpContext context,
        LoginChallenges challenges,
        SecondFactors factors,
        SessionStarter signIn,
        TokenCookieStorage cookieStorage,
        Replies replies,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        IUserStore users,
        AuditTrail audit,
        TimeProvider time,
        ILoggerFactory loggers,
        GatewayMetrics metrics)
    {
        if (await AuthInput.ReadOrRejectAsync(context, replies) is not { } input)
        {
            return;
        }

        var logger = loggers.CreateLogger(typeof(SecondStepEndpoints));
        var returnUrl = ReturnUrl.AfterSignIn(input["returnUrl"], options.Value);
        var login = new LoginPage(returnUrl);
        if (cookieStorage.Refusal(context.Request) is { } unstored)
        {
            await replies.ErrorAsync(context, unstored);
            return;
        }

        if (input.IsForm && !await antiforgery.IsRequestValidAsync(context))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await replies.ErrorAsync(context, FormExpired, login with { Error = FormExpired.Body.Message });
            return;
        }

        Task RefuseChallengeAsync()
        {
            SecondFactorLog.ChallengeRefused(logger);
            return replies.ErrorAsync(context, ChallengeRefused, login with { Error = ChallengeRefused.Body.Message });
        }

        var challengeText = input[ChallengeField];
        var challenge = challenges.Read(challengeText);
        var user = challenge is null ? null : await users.FindByIdAsync(challenge.UserId, context.RequestAborted);
        if (challenge is null || user is null || user.Disabled || !LoginChallenges.Matches(challenge, user))
        {
            await RefuseChallengeAsync();
            return;
        }

        var recoveryCode = input[RecoveryCodeField];
        var page = new SecondStepPage(challengeText!, returnUrl)
        {
            SecondStepPath = Path(options.Value),
            UseRecoveryCode = !string.IsNullOrWhiteSpace(recoveryCode),
        };
        switch (await factors.CheckAsync(user.Id, input[TotpEndpoints.CodeField], recoveryCode, context.RequestAborted))
        {
            case SecondFactorCheck.Locked locked:
                SecondFactorLog.Locked(logger, user.Id);
                var tooMany = TotpEndpoints.TooManyCodes(locked.RetryAfter);
                await replies.ErrorAsync(context, tooMany, page with { Error = tooMany.Body.Message });
                return;

            case SecondFactorCheck.Unreadable:
                await replies.ErrorAsync(context, TotpEndpoints.SecretUnreadable, page with { Error = TotpEndpoints.SecretUnreadable.Body.Message });
                return;

            case SecondFactorCheck.Wrong:
                SecondFactorLog.WrongCode(logger, user.Id);
                metrics.LoginAttempted(LoginOutcome.Failed);
                await audit.RecordAsync(context, AuditEvents.SecondFactorFailed, user.Id, user.Id, user.Username);
                await replies.ErrorAsync(context, WrongCode, page with { Error = WrongCode.Body.Message });
                return;

            case SecondFactorCheck.Accepted accepted:
                if (!await challenges.TryConsumeAsync(challenge))
                {
                    // Used already: here, on another instance, or by a request that raced this one.
                    await RefuseChallengeAsync();
                    return;
                }

                var token = signIn.Start(context, user, challenge.RememberMe, secondFactor: true);
                AuthLog.LoginSucceeded(logger, user.Username, user.Id);
                metrics.LoginAttempted(LoginOutcome.Succeeded);
                await users.RecordLoginAsync(user.Id, time.GetUtcNow(), CancellationToken.None);
                if (accepted.Recovery)
                {
                    var left = (await factors.FindAsync(user.Id, CancellationToken.None))?.RecoveryCodesLeft ?? 0;
                    SecondFactorLog.RecoveryCodeUsed(logger, user.Id, left);
                    await audit.RecordAsync(context, AuditEvents.RecoveryCodeUsed, user.Id, user.Id, $"{left} left");
                }

                await audit.RecordAsync(context, AuditEvents.LoginSucceeded, user.Id, user.Id, user.Username);
                await Replies.SucceededAsync(context, returnUrl, StatusCodes.Status200OK,
                    new { token = token.Value, expiresAt = token.ExpiresAt });
                return;

            default:
                // The second factor was reset meanwhile.
                await RefuseChallengeAsync();
                return;
        }
    }
}
