using Gateway.Accounts;
using Gateway.Accounts.Sessions;
using Gateway.Hosting.Options;
using Gateway.RequestPath;
using Gateway.Responses;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Administration.WebPage;

/// <summary>
/// The admin page (<c>GET /auth/admin</c>) and its forms, one POST per action on a user. Each form carries the antiforgery
/// token; the destructive ones (disable, sign out, new password, delete) also need their "Yes, ..." box ticked, which
/// the server checks, so no action rests on a script's confirm(). Success is a 303 back to the same search and page.
/// </summary>
internal static class AdminPageEndpoints
{
    /// <summary>The checkbox a destructive form needs ticked, with the value <c>yes</c>.</summary>
    public const string ConfirmField = "confirm";

    private static readonly HttpError FormExpired =
        HttpError.Of(StatusCodes.Status400BadRequest, "form_expired", "This form expired. Please try again.");

    private static readonly HttpError UserNotFound = HttpError.Of(StatusCodes.Status404NotFound, "not_found",
        "There is no such user: they may have been deleted. Go back to the list of users.");

    private static readonly AdminFormAction[] Actions =
    [
        new("roles", Confirm: null, Notice: "roles_changed",
            (admin, actor, user, input, ct) => admin.SetRolesAsync(actor, user.Id, SplitRoles(input[UserAdministration.RolesField]), ct))
        {
            RenewsOwnSession = true,
        },
        new("disable", Confirm: user => $"Yes, disable {user}", Notice: "disabled",
            (admin, actor, user, _, ct) => admin.SetDisabledAsync(actor, user.Id, true, ct)),
        new("enable", Confirm: null, Notice: "enabled",
            (admin, actor, user, _, ct) => admin.SetDisabledAsync(actor, user.Id, false, ct)),
        new("sign-out", Confirm: user => $"Yes, sign {user} out everywhere", Notice: "signed_out",
            (admin, actor, user, _, ct) => admin.SignOutAsync(actor, user.Id, ct)),
        new("password", Confirm: user => $"Yes, replace the password of {user}", Notice: "password_set",
            (admin, actor, user, input, ct) => admin.SetPasswordAsync(actor, user.Id, input[UserAdministration.PasswordField], ct))
        {
            RenewsOwnSession = true,
            // A new password the rules refuse is reported first, without spending the admin's code on it.
            AsksOwnCredentials = input => PasswordRules.Problem(input[UserAdministration.PasswordField], username: null) is null,
        },
        new("second-factor-reset", Confirm: user => $"Yes, reset the two-step sign-in of {user}", Notice: "second_factor_reset",
            (admin, actor, user, _, ct) => admin.ResetSecondFactorAsync(actor, user.Id, ct))
        {
            RenewsOwnSession = true,
            AsksOwnCredentials = _ => true,
        },
        new("delete", Confirm: user => $"Yes, delete {user}", Notice: "deleted",
            (admin, actor, user, _, ct) => admin.DeleteAsync(actor, user.Id, ct)),
    ];

    public static IEndpointRouteBuilder MapAdminPage(this IEndpointRouteBuilder endpoints, string adminPath)
    {
        // Its own group: the /auth group allows anonymous callers, and that would win over any policy set inside it.
        var group = endpoints.MapGroup(adminPath).RequireAuthorization(GatewayAuthentication.AdminPolicy);
        group.MapGet("", ShowAsync);
        foreach (var action in Actions)
        {
            group.MapPost("/users/{id}/" + action.Name, (
                HttpContext context,
                string id,
                UserAdministration administration,
                OwnCredentialsCheck own,
                IUserStore users,
                AdminPageView view,
                SessionStarter signIn,
                Replies replies,
                IAntiforgery antiforgery,
                IOptions<GatewayOptions> options,
                ILoggerFactory loggers) => SubmitAsync(new AdminPost(
                    context, administration, own, users, view, signIn, replies, antiforgery, options.Value.AdminPath,
                    loggers.CreateLogger(typeof(AdminPageEndpoints))), id, action));
        }

        return endpoints;
    }

    private static async Task ShowAsync(HttpContext context, AdminPageView view, IUserStore users, Replies replies)
    {
        var (listing, error) = AdminListing.Read(context.Request.Query);
        if (listing is null)
        {
            await replies.ErrorAsync(context, error!);
            return;
        }

        var page = await view.BuildAsync(listing, SignedInId(context), openUserId: null, context.RequestAborted);
        await replies.PageAsync(context, page with { Notice = await NoticeAsync(context.Request.Query, users, context.RequestAborted) });
    }

    private static async Task SubmitAsync(AdminPost post, string id, AdminFormAction action)
    {
        var (context, administration, own, users, view, signIn, replies, antiforgery, adminPath, logger) = post;
        var cancellationToken = context.RequestAborted;

        // A post whose listing cannot be read still acts; it comes back to the first page.
        var listing = AdminListing.Read(context.Request.Query).Listing ?? AdminListing.First;
        var actorId = SignedInId(context);
        async Task ShowAgainAsync(HttpError error, string? openUserId)
        {
            var page = await view.BuildAsync(listing, actorId, openUserId, cancellationToken);
            await replies.ErrorAsync(context, error, page with { Error = error.Body.Message });
        }

        if (await AuthInput.ReadOrRejectAsync(context, replies) is not { } input)
        {
            return;
        }

        if (!input.IsForm)
        {
            await replies.ErrorAsync(context, HttpError.Of(StatusCodes.Status400BadRequest, "invalid_request",
                $"These are the admin page's forms; scripts use the admin API under {adminPath}/api."));
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            AuthLog.AntiforgeryFailed(logger, context.Request.Path);
            await ShowAgainAsync(FormExpired, openUserId: null);
            return;
        }

        if (await users.FindByIdAsync(id, cancellationToken) is not { } user)
        {
            await replies.ErrorAsync(context, UserNotFound);
            return;
        }

        if (action.Confirm?.Invoke(user.Username) is { } confirmation && input[ConfirmField] != "yes")
        {
            AdminPageLog.NotConfirmed(logger, action.Name, user.Id, actorId);
            await ShowAgainAsync(HttpError.Of(StatusCodes.Status400BadRequest, "confirmation_required",
                $"Nothing was changed: tick \u201c{confirmation}\u201d to confirm."), user.Id);
            return;
        }

        var actor = new AdminActor(actorId, context.Connection.RemoteIpAddress?.ToString());
        if (action.AsksOwnCredentials?.Invoke(input) == true
            && await own.RefusalAsync(actor, user.Id, input[OwnCredentialsCheck.PasswordField], input[OwnCredentialsCheck.CodeField],
                cancellationToken) is { } refusal)
        {
            var field = refusal.Body.Fields?.Keys.FirstOrDefault() ?? "";
            AdminPageLog.Refused(logger, action.Name, user.Id, actorId, field, refusal.Body.Message);
            await ShowAgainAsync(refusal, user.Id);
            return;
        }

        switch (await action.Run(administration, actor, user, input, cancellationToken))
        {
            case AdminResult.Done done when action.RenewsOwnSession && done.User.Id == actorId:
                // The change ended every session of the admin's too; this one goes on with a fresh token, as after a
                // password change on the account page.
                signIn.Start(context, done.User, secondFactor: GatewayClaims.HasSecondFactor(context.User));
                Replies.Succeeded(context, adminPath + listing.QueryString(action.Notice, user.Id));
                return;

            case AdminResult.Done or AdminResult.Deleted:
                var notified = action.Name == "delete" ? null : user.Id;
                Replies.Succeeded(context, adminPath + listing.QueryString(action.Notice, notified));
                return;

            case AdminResult.NotFound:
                await replies.ErrorAsync(context, UserNotFound);
                return;

            case AdminResult.Invalid invalid:
                AdminPageLog.Refused(logger, action.Name, user.Id, actorId, invalid.Field, invalid.Message);
                await ShowAgainAsync(new HttpError(StatusCodes.Status400BadRequest, new ErrorBody("invalid_input", invalid.Message,
                    new Dictionary<string, string> { [invalid.Field] = invalid.Message })), user.Id);
                return;

            default:
                await ShowAgainAsync(HttpError.Of(StatusCodes.Status409Conflict, "conflict", "That could not be done; reload the page and try again."), user.Id);
                return;
        }
    }

    /// <summary>The roles field: names separated by commas (or spaces); an empty field takes every role away.</summary>
    private static string?[] SplitRoles(string? field) =>
        (field ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string SignedInId(HttpContext context) => context.User.FindFirst(GatewayClaims.Subject)?.Value ?? "";

    /// <summary>
    /// The sentence for the notice a form redirected here with. The text is the gateway's own, never the query's, so a link
    /// cannot make the page say something else; the user is looked up by id.
    /// </summary>
    private static async Task<string?> NoticeAsync(IQueryCollection query, IUserStore users, CancellationToken cancellationToken)
    {
        var notice = query[AdminListing.NoticeParameter].ToString();
        if (notice == "deleted")
        {
            return "The user was deleted, and their sessions ended.";
        }

        if (notice.Length == 0 || await users.FindByIdAsync(query[AdminListing.UserParameter].ToString(), cancellationToken) is not { } user)
        {
            return null;
        }

        var name = user.Username;
        return notice switch
        {
            "roles_changed" => user.Roles.Count == 0
                ? $"{name} now has no roles."
                : $"{name} now has the roles {string.Join(", ", user.Roles)}.",
            "disabled" => $"{name} is disabled and was signed out everywhere.",
            "enabled" => $"{name} is enabled and can sign in again.",
            "signed_out" => $"{name} was signed out everywhere.",
            "password_set" => $"{name} has a new password and was signed out everywhere.",
            "second_factor_reset" => $"{name} can sign in with the password alone until they set up two-step sign-in again, and was signed out everywhere.",
            _ => null,
        };
    }

    /// <summary>What every admin form post needs, from the request's services.</summary>
    private sealed record AdminPost(
        HttpContext Context,
        UserAdministration Administration,
        OwnCredentialsCheck Own,
        IUserStore Users,
        AdminPageView View,
        SessionStarter SignIn,
        Replies Replies,
        IAntiforgery Antiforgery,
        string AdminPath,
        ILogger Logger);

    /// <param name="Confirm">For a destructive action, the label of the box to tick, given the username.</param>
    /// <param name="Notice">The notice the page shows after the action.</param>
    private sealed record AdminFormAction(
        string Name,
        Func<string, string>? Confirm,
        string Notice,
        Func<UserAdministration, AdminActor, User, AuthInput, CancellationToken, Task<AdminResult>> Run)
    {
        /// <summary>Done to oneself, the action keeps the admin signed in on this browser (it ends every other session).</summary>
        public bool RenewsOwnSession { get; init; }

        /// <summary>
        /// Done to oneself, the action needs the admin's current password and code (<see cref="OwnCredentialsCheck"/>),
        /// when this says so for the form's fields; null for actions that never do.
        /// </summary>
        public Func<AuthInput, bool>? AsksOwnCredentials { get; init; }
    }
}
