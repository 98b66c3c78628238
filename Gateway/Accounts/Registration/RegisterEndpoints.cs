using Gateway.Accounts.Sessions;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.Registration;

internal static class RegisterEndpoints
{
    private static readonly HttpError Closed = HttpError.Of(StatusCodes.Status403Forbidden,
        "registration_disabled", "Registration is closed. Ask your administrator for an account.");

    private static readonly HttpError FormExpired =
        HttpError.Of(StatusCodes.Status400BadRequest, "form_expired", "This form expired. Please try again.");

    private const string UsernameTaken = "That username is taken. Choose another.";

    public static void MapRegister(this RouteGroupBuilder group)
    {
        group.MapGet("/register", ShowAsync);
        group.MapPost("/register", SubmitAsync).RequireRateLimiting(AuthRateLimiting.Policy);
    }

    private static Task ShowAsync(HttpContext context, Replies replies, IOptions<GatewayOptions> options, IOptions<UserOptions> users) =>
        users.Value.AllowRegistration
            ? replies.PageAsync(context, new RegisterPage(ReturnUrl.AfterSignIn(context.Request.Query["returnUrl"], options.Value)))
            : replies.ErrorAsync(context, Closed);

    private static async Task SubmitAsync(
        HttpContext context,
        UserAccounts accounts,
        SessionStarter signIn,
        TokenCookieStorage cookieStorage,
        Replies replies,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        IOptions<UserOptions> users,
        ILoggerFactory loggers,
        AuditTrail audit,
        GatewayMetrics metrics)
    {
        if (!users.Value.AllowRegistration)
        {
            metrics.RegistrationAttempted(RegistrationOutcome.Closed);
            await replies.ErrorAsync(context, Closed);
            return;
        }

        if (await AuthInput.ReadOrRejectAsync(context, replies) is not { } input)
        {
            return;
        }

        var logger = loggers.CreateLogger(typeof(RegisterEndpoints));
        var request = new RegistrationRequest(
            input[UserAccounts.UsernameField],
            input[UserAccounts.PasswordField],
            input[UserAccounts.DisplayNameField],
            input[UserAccounts.ConfirmPasswordField]);
        var form = new RegisterPage(ReturnUrl.AfterSignIn(input["returnUrl"], options.Value))
        {
            Username = request.Username,
            DisplayName = request.DisplayName,
        };

        // Registering signs in: a browser that would drop the token cookie is told why before an account is created,
        // and before the antiforgery check, whose cookie it drops too.
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

        switch (await accounts.RegisterAsync(request, context.RequestAborted))
        {
            case RegistrationResult.Invalid invalid:
                metrics.RegistrationAttempted(RegistrationOutcome.Invalid);
                var error = InputErrors.Invalid(invalid.Fields);
                await replies.ErrorAsync(context, error, form with { Error = error.Body.Message, Fields = invalid.Fields });
                return;

            case RegistrationResult.UsernameTaken:
                metrics.RegistrationAttempted(RegistrationOutcome.Taken);
                var taken = new Dictionary<string, string> { [UserAccounts.UsernameField] = UsernameTaken };
                await replies.ErrorAsync(context,
                    new HttpError(StatusCodes.Status409Conflict, new ErrorBody("username_taken", UsernameTaken, taken)),
                    form with { Fields = taken });
                return;

            case RegistrationResult.Created created:
                var user = created.User;
                signIn.Start(context, user);
                AuthLog.Registered(logger, user.Username, user.Id);
                metrics.RegistrationAttempted(RegistrationOutcome.Succeeded);
                await audit.RecordAsync(context, AuditEvents.UserRegistered, user.Id, user.Id, user.Username);
                await Replies.SucceededAsync(context, form.ReturnUrl, StatusCodes.Status201Created,
                    new { id = user.Id, username = user.Username, displayName = user.DisplayName },
                    created: options.Value.PathPrefix + "/me");
                return;
        }
    }
}
