using Gateway.Accounts.Passwords;
using Gateway.Accounts.Sessions;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Enrolling a TOTP authenticator (<c>/auth/2fa/totp</c>): set up a pending secret, confirm it with the password and a
/// code (which issues the recovery codes), turn it off with the password and a code. Confirming and turning off end the
/// user's other sessions; this one goes on with a fresh token. With the cookie, only the gateway's own forms may post (CSRF).
/// </summary>
internal static class TotpEndpoints
{
    public const string CodeField = "code";

    private static readonly HttpError FormExpired =
        HttpError.Of(StatusCodes.Status400BadRequest, "form_expired", "This form expired. Please try again.");

    private static readonly HttpError InvalidCode = HttpError.Of(StatusCodes.Status400BadRequest,
        "invalid_code", "That code is not right. Enter the 6-digit code your authenticator app shows now.");

    private static readonly HttpError AlreadyEnrolled = HttpError.Of(StatusCodes.Status409Conflict, "already_enrolled",
        "Two-step sign-in is already on. Turn it off first (with your password and a code) to set up another app.");

    private static readonly HttpError NothingPending = HttpError.Of(StatusCodes.Status400BadRequest, "not_set_up",
        "There is no authenticator being set up. Start again with \u201cSet up two-step sign-in\u201d.");

    private static readonly HttpError NotEnrolled = HttpError.Of(StatusCodes.Status400BadRequest, "not_enrolled",
        "Two-step sign-in is not on for this account.");

    private static readonly HttpError WrongPassword =
        HttpError.Of(StatusCodes.Status401Unauthorized, "invalid_credentials", "Your password is incorrect.");

    public static void MapTotp(this RouteGroupBuilder group)
    {
        group.MapGet("/2fa/totp", ShowAsync);
        group.MapPost("/2fa/totp/setup", SetUpAsync);

        // Rate limited like login: a stolen session must not become a way to guess codes or the password.
        group.MapPost("/2fa/totp/confirm", ConfirmAsync).RequireRateLimiting(AuthRateLimiting.Policy);
        group.MapPost("/2fa/totp/disable", DisableAsync).RequireRateLimiting(AuthRateLimiting.Policy);
    }

    /// <summary>The stored secret cannot be decrypted (the operator has been told, see <see cref="SecretProtection"/>).</summary>
    public static readonly HttpError SecretUnreadable = HttpError.Of(StatusCodes.Status503ServiceUnavailable,
        "second_factor_unavailable", "Codes from your authenticator app cannot be checked right now: the gateway cannot " +
        "read this account's two-step sign-in key. Use a recovery code, or ask your administrator.") with
    {
        Heading = "Two-step sign-in is unavailable",
    };

    /// <summary>Locked: 429 with Retry-After (RFC 6585 section 4).</summary>
    public static HttpError TooManyCodes(TimeSpan retryAfter) => HttpError.Of(StatusCodes.Status429TooManyRequests,
        "too_many_attempts", "Too many wrong codes. Wait a few minutes, then try again.") with { RetryAfter = retryAfter };

    private static async Task ShowAsync(
        HttpContext context, IUserStore users, SecondFactors factors, Replies replies, IOptions<GatewayOptions> options)
    {
        if (await context.SignedInUserAsync(users) is not { } user)
        {
            await context.ChallengeAsync();
            return;
        }

        var returnUrl = ReturnUrl.AfterSignIn(context.Request.Query["returnUrl"], options.Value);
        await replies.PageAsync(context, await PageAsync(user, factors, options.Value, returnUrl, context.RequestAborted));
    }

    private static async Task SetUpAsync(HttpContext context, TotpPost post, SecondFactors factors)
    {
        if (await post.ReadAsync(context, bodyOptional: true) is not var (user, input, page))
        {
            return;
        }

        if (await factors.IsEnrolledAsync(user.Id, context.RequestAborted))
        {
            await post.Replies.ErrorAsync(context, AlreadyEnrolled, page with { Error = AlreadyEnrolled.Body.Message });
            return;
        }

        var setup = await factors.SetUpAsync(user, context.RequestAborted);
        SecondFactorLog.SetUp(post.Logger, user.Id);
        await Replies.SucceededAsync(context, $"{post.Gateway.SecondFactorPath}?returnUrl={Uri.EscapeDataString(page.ReturnUrl)}",
            StatusCodes.Status200OK, new { secret = setup.Secret, otpauthUri = setup.OtpAuthUri });
    }

    private static async Task ConfirmAsync(HttpContext context, TotpPost post, SecondFactors factors, AuditTrail audit)
    {
        if (await post.ReadAsync(context, bodyOptional: false) is not var (user, input, page))
        {
            return;
        }

        // Turning it on ends every other session and puts a code between the owner and their account: a stolen session
        // alone must not do that, so the password is asked again, as for turning it off.
        if (await post.PasswordRefusedAsync(context, user, input, page))
        {
            return;
        }

        var check = await factors.ConfirmAsync(user, input[CodeField], context.RequestAborted);
        if (await post.CodeRefusedAsync(context, user.Id, check, page))
        {
            return;
        }

        switch (check)
        {
            case SecondFactorCheck.Accepted accepted:
                var token = await post.RenewAsync(context, user, secondFactor: true);
                SecondFactorLog.Enrolled(post.Logger, user.Id);
                await audit.RecordAsync(context, AuditEvents.SecondFactorEnrolled, user.Id, user.Id, user.Username);
                var done = page with
                {
                    Enrolled = true,
                    Secret = null,
                    QrCode = null,
                    RecoveryCodes = [.. accepted.RecoveryCodes.Select(code => new RecoveryCodeRow(code))],
                };
                await post.Replies.ShownOnceAsync(context, done, StatusCodes.Status200OK,
                    new { recoveryCodes = accepted.RecoveryCodes, token = token.Value, expiresAt = token.ExpiresAt });
                return;

            default:
                await post.Replies.ErrorAsync(context, NothingPending, page with { Error = NothingPending.Body.Message });
                return;
        }
    }

    private static async Task DisableAsync(HttpContext context, TotpPost post, SecondFactors factors, AuditTrail audit)
    {
        if (await post.ReadAsync(context, bodyOptional: false) is not var (user, input, page))
        {
            return;
        }

        if (await post.PasswordRefusedAsync(context, user, input, page))
        {
            return;
        }

        var check = await factors.CheckAsync(user.Id, input[CodeField], recoveryCode: null, context.RequestAborted);
        if (await post.CodeRefusedAsync(context, user.Id, check, page))
        {
            return;
        }

        switch (check)
        {
            case SecondFactorCheck.Accepted:
                await factors.RemoveAsync(user.Id, CancellationToken.None);
                await post.RenewAsync(context, user, secondFactor: false);
                SecondFactorLog.Disabled(post.Logger, user.Id);
                await audit.RecordAsync(context, AuditEvents.SecondFactorDisabled, user.Id, user.Id, user.Username);
                Replies.Succeeded(context, $"{post.Gateway.AccountPath}?notice={AccountPage.SecondFactorOffNotice}");
                return;

            default:
                await post.Replies.ErrorAsync(context, NotEnrolled, page with { Error = NotEnrolled.Body.Message });
                return;
        }
    }

    /// <summary>The page for the user's current state: enrolled, setting up, or not started.</summary>
    public static async Task<TotpPage> PageAsync(
        User user, SecondFactors factors, GatewayOptions gateway, string returnUrl, CancellationToken cancellationToken)
    {
        var page = new TotpPage(user.Username, gateway.SecondFactorPath, returnUrl);
        var record = await factors.FindAsync(user.Id, cancellationToken);
        if (record is { Enrolled: true })
        {
            return page with { Enrolled = true, RecoveryCodesLeftCount = record.RecoveryCodesLeft };
        }

        return await factors.PendingAsync(user, cancellationToken) is { } setup
            ? page with { Secret = Grouped(setup.Secret), QrCode = QrCodeOf(setup.OtpAuthUri) }
            : page;
    }

    /// <summary>An SVG drawn here (no external service sees the secret), as a data: URI.</summary>
    private static string QrCodeOf(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }

    private static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(chunk => new string(chunk)));

    /// <summary>What every enrolment post needs, and its common first steps.</summary>
    internal sealed class TotpPost(
        IUserStore users,
        UserAccounts accounts,
        SecondFactors factors,
        SignOutEverywhere signOutEverywhere,
        SessionStarter signIn,
        SessionPolicy sessions,
        Replies replies,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        ILogger<TotpPost> logger)
    {
        public Replies Replies => replies;

        public GatewayOptions Gateway => options.Value;

        public ILogger Logger => logger;

        /// <summary>Shows the page again for a code the check refused: locked out (429), wrong (400) or uncheckable (503).</summary>
        /// <returns>False when the check did not refuse the code; nothing was answered then.</returns>
        public async Task<bool> CodeRefusedAsync(HttpContext context, string userId, SecondFactorCheck check, TotpPage page)
        {
            HttpError error;
            switch (check)
            {
                case SecondFactorCheck.Locked locked:
                    SecondFactorLog.Locked(logger, userId);
                    error = TooManyCodes(locked.RetryAfter);
                    break;
                case SecondFactorCheck.Wrong:
                    SecondFactorLog.WrongCode(logger, userId);
                    error = InvalidCode;
                    break;
                case SecondFactorCheck.Unreadable:
                    error = SecretUnreadable;
                    break;
                default:
                    return false;
            }

            await replies.ErrorAsync(context, error, page with { Error = error.Body.Message });
            return true;
        }

        /// <summary>
        /// Shows the page again unless the password field is the user's password: a check like the login's, counted
        /// against the same per-account limit.
        /// </summary>
        /// <returns>False when the password was right; nothing was answered then.</returns>
        public async Task<bool> PasswordRefusedAsync(HttpContext context, User user, AuthInput input, TotpPage page)
        {
            var error = await accounts.ConfirmPasswordAsync(user, input[UserAccounts.PasswordField], context.RequestAborted) switch
            {
                PasswordConfirmation.Limited limited => AccountAttemptLimit.Refusal(limited.RetryAfter),
                PasswordConfirmation.Wrong => WrongPassword,
                _ => null,
            };
            if (error is null)
            {
                return false;
            }

            await replies.ErrorAsync(context, error, page with { Error = error.Body.Message });
            return true;
        }

        /// <returns>The signed-in user, the fields and the page to show again; null once the request was answered.</returns>
        public async Task<(User User, AuthInput Input, TotpPage Page)?> ReadAsync(HttpContext context, bool bodyOptional)
        {
            var request = context.Request;
            var noBody = bodyOptional && !RequestKinds.HasFormBody(request) && !RequestKinds.HasJsonBody(request)
                && (request.ContentLength ?? 0) == 0;
            var input = noBody ? AuthInput.None : await AuthInput.ReadOrRejectAsync(context, replies);
            if (input is null)
            {
                return null;
            }

            if (await context.SignedInUserAsync(users) is not { } user)
            {
                await context.ChallengeAsync();
                return null;
            }

            var returnUrl = ReturnUrl.AfterSignIn(input["returnUrl"], options.Value);
            var page = await PageAsync(user, factors, options.Value, returnUrl, context.RequestAborted);
            if (input.IsForm && !await antiforgery.IsRequestValidAsync(context))
            {
                AuthLog.AntiforgeryFailed(logger, request.Path);
                await replies.ErrorAsync(context, FormExpired, page with { Error = FormExpired.Body.Message });
                return null;
            }

            // The cookie rides along on any request to this host, so with the cookie only the gateway's own form may do this.
            if (!input.IsForm && context.GetTokenSource() == TokenSource.Cookie)
            {
                await replies.ErrorAsync(context, HttpError.Of(StatusCodes.Status400BadRequest, "invalid_request",
                    $"Use the form at {options.Value.SecondFactorPath}, or send Authorization: Bearer <token> with the JSON."));
                return null;
            }

            return (user, input, page);
        }

        /// <summary>Ends every session of the user, then starts a new one here (kept signed in if this one was).</summary>
        public async Task<IssuedToken> RenewAsync(HttpContext context, User user, bool secondFactor)
        {
            var cutOff = await signOutEverywhere.RunAsync(user.Id, CancellationToken.None);
            return signIn.Start(context, user with { TokensValidAfter = cutOff },
                sessions.Read(context.User)?.Remembered == true, secondFactor);
        }
    }
}
