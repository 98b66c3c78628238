using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Pages;
using Gateway.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

internal static class RegisterEndpoints
{
    public static void MapRegister(this RouteGroupBuilder group)
    {
        group.MapGet("/register", ShowAsync);
        group.MapPost("/register", SubmitAsync).RequireRateLimiting(AuthRateLimiting.Policy);
    }

    private static Task ShowAsync(
        HttpContext context, PageRenderer pages, IOptions<GatewayOptions> options, IOptions<UserOptions> users)
    {
        if (!users.Value.AllowRegistration)
        {
            return ClosedAsync(context, pages);
        }

        return pages.WriteAsync(context, Page.Register, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            ["returnUrl"] = LoginEndpoints.SafeReturnUrl(context.Request.Query["returnUrl"], options.Value),
            [FocusKey(fields: null)] = true,
        });
    }

    private static async Task SubmitAsync(
        HttpContext context,
        Accounts accounts,
        SignIn signIn,
        PageRenderer pages,
        IAntiforgery antiforgery,
        IOptions<GatewayOptions> options,
        IOptions<UserOptions> users,
        ILogger<Accounts> logger)
    {
        if (!users.Value.AllowRegistration)
        {
            await ClosedAsync(context, pages);
            return;
        }

        if (await AuthInput.ReadOrRejectAsync(context, pages) is not { } input)
        {
            return;
        }

        var request = new RegistrationRequest(
            input[Accounts.UsernameField],
            input[Accounts.PasswordField],
            input[Accounts.DisplayNameField],
            input[Accounts.ConfirmPasswordField]);
        var returnUrl = LoginEndpoints.SafeReturnUrl(input["returnUrl"], options.Value);

        if (input.IsForm && !await antiforgery.IsRequestValidAsync(context))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await ShowFormAsync(StatusCodes.Status400BadRequest, "This form expired. Please try again.", fields: null);
            return;
        }

        switch (await accounts.RegisterAsync(request, context.RequestAborted))
        {
            case RegistrationResult.Invalid invalid:
                const string check = "Please correct the fields below.";
                await (input.IsForm
                    ? ShowFormAsync(StatusCodes.Status400BadRequest, check, invalid.Fields)
                    : AuthResponses.JsonAsync(context, StatusCodes.Status400BadRequest,
                        new ErrorBody("invalid_input", check, invalid.Fields)));
                return;

            case RegistrationResult.UsernameTaken:
                var taken = new Dictionary<string, string> { [Accounts.UsernameField] = "That username is taken. Choose another." };
                await (input.IsForm
                    ? ShowFormAsync(StatusCodes.Status409Conflict, message: null, taken)
                    : AuthResponses.JsonAsync(context, StatusCodes.Status409Conflict,
                        new ErrorBody("username_taken", "That username is taken. Choose another.", taken)));
                return;

            case RegistrationResult.Created created:
                var user = created.User;
                signIn.Start(context, user);
                AuthLog.Registered(logger, user.Username, user.Id);
                if (input.IsForm)
                {
                    AuthResponses.SeeOther(context, returnUrl);
                    return;
                }

                context.Response.Headers.Location = options.Value.PathPrefix + "/me";
                await AuthResponses.JsonAsync(context, StatusCodes.Status201Created,
                    new { id = user.Id, username = user.Username, displayName = user.DisplayName });
                return;
        }

        Task ShowFormAsync(int statusCode, string? message, IReadOnlyDictionary<string, string>? fields)
        {
            var model = new Dictionary<string, object?>
            {
                ["error"] = message,
                ["username"] = request.Username,
                ["displayName"] = request.DisplayName,
                ["returnUrl"] = returnUrl,
                ["usernameError"] = fields?.GetValueOrDefault(Accounts.UsernameField),
                ["passwordError"] = fields?.GetValueOrDefault(Accounts.PasswordField),
                ["displayNameError"] = fields?.GetValueOrDefault(Accounts.DisplayNameField),
                ["confirmPasswordError"] = fields?.GetValueOrDefault(Accounts.ConfirmPasswordField),
            };
            model[FocusKey(fields)] = true;
            return pages.WriteAsync(context, Page.Register, statusCode, model);
        }
    }

    /// <summary>The template flag that puts the cursor in the first field to fix, in the order the form shows them.</summary>
    private static string FocusKey(IReadOnlyDictionary<string, string>? fields)
    {
        string[] order = [Accounts.UsernameField, Accounts.DisplayNameField, Accounts.PasswordField, Accounts.ConfirmPasswordField];
        var field = order.FirstOrDefault(name => fields?.ContainsKey(name) == true) ?? Accounts.UsernameField;
        return "focus" + char.ToUpperInvariant(field[0]) + field[1..];
    }

    private static Task ClosedAsync(HttpContext context, PageRenderer pages) =>
        AuthResponses.ErrorAsync(context, pages, new HttpError(StatusCodes.Status403Forbidden,
            new ErrorBody("registration_disabled", "Registration is closed. Ask your administrator for an account.")));
}
