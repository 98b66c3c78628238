using System.Globalization;
using System.Text.Json;
using Gateway.Accounts;
using Gateway.Audit;
using Gateway.Hosting.Options;
using Gateway.RequestPath;
using Gateway.Responses;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Administration.Api;

/// <summary>
/// The admin API under <c>/auth/admin/api</c>, for automation: role <c>admin</c>, Bearer or cookie (state changes with
/// the cookie only from this site's scripts, see <see cref="SameOriginScripts"/>), JSON in and out. Pages are 1-based.
/// </summary>
internal static class AdminApiEndpoints
{
    public const int AuditPageSize = 50;
    public const int MaxQueryLength = 64;
    private const int MaxPage = 1_000_000;

    private const string RolesExample = "{\"roles\": [\"editor\"]}";
    private const string PasswordExample = "{\"password\": \"...\"}";
    private const string OwnCredentialsExample = "{\"currentPassword\": \"...\", \"code\": \"123456\"}";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var prefix = endpoints.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value.PathPrefix;

        // Not inside the /auth group: that group allows anonymous callers, which would outrank this policy.
        var api = endpoints.MapGroup(prefix + "/admin/api")
            .RequireAuthorization(GatewayAuthentication.AdminPolicy)
            .AddEndpointFilter<SameOriginScripts>();

        api.MapGet("/users", ListUsersAsync);
        api.MapPut("/users/{id}/roles", SetRolesAsync);
        api.MapPost("/users/{id}/disable", (HttpContext context, string id, UserAdministration admin, Replies replies) =>
            SetDisabledAsync(context, id, true, admin, replies));
        api.MapPost("/users/{id}/enable", (HttpContext context, string id, UserAdministration admin, Replies replies) =>
            SetDisabledAsync(context, id, false, admin, replies));
        api.MapPost("/users/{id}/sign-out", SignOutAsync);
        api.MapPut("/users/{id}/password", SetPasswordAsync);
        api.MapPost("/users/{id}/second-factor/reset", ResetSecondFactorAsync);
        api.MapDelete("/users/{id}", DeleteAsync);
        api.MapGet("/audit", ListAuditAsync);
        return endpoints;
    }

    private static async Task ListUsersAsync(HttpContext context, UserAdministration admin, Replies replies)
    {
        if (!TryReadPage(context.Request, out var page))
        {
            await replies.ErrorAsync(context, BadPage);
            return;
        }

        var query = context.Request.Query["query"];
        if (query.Count > 1 || query.ToString().Length > MaxQueryLength)
        {
            await replies.ErrorAsync(context, AdminReplies.Invalid("query",
                $"Give one search text of at most {MaxQueryLength} characters."));
            return;
        }

        var listing = await admin.ListAsync(query.ToString(), page - 1, context.RequestAborted);
        await Replies.JsonAsync(context, StatusCodes.Status200OK, new
        {
            users = listing.Users.Select(AdminUserJson.Of),
            total = listing.Total,
            page,
            pageSize = UserAdministration.PageSize,
        });
    }

    private static async Task SetRolesAsync(HttpContext context, string id, UserAdministration admin, Replies replies)
    {
        using var body = await AdminApiInput.ReadOrRejectAsync(context, replies, UserAdministration.RolesField, RolesExample);
        if (body is null)
        {
            return;
        }

        if (AdminApiInput.StringList(body.RootElement, UserAdministration.RolesField) is not { } roles)
        {
            await replies.ErrorAsync(context, AdminReplies.Invalid(UserAdministration.RolesField,
                $"Give the roles as a list of names, like {RolesExample} (an empty list removes every role)."));
            return;
        }

        await AdminReplies.WriteAsync(context, replies,
            await admin.SetRolesAsync(Actor(context), id, roles, context.RequestAborted));
    }

    private static async Task SetDisabledAsync(
        HttpContext context, string id, bool disabled, UserAdministration admin, Replies replies) =>
        await AdminReplies.WriteAsync(context, replies,
            await admin.SetDisabledAsync(Actor(context), id, disabled, context.RequestAborted));

    private static async Task SignOutAsync(HttpContext context, string id, UserAdministration admin, Replies replies) =>
        await AdminReplies.WriteAsync(context, replies, await admin.SignOutAsync(Actor(context), id, context.RequestAborted));

    private static async Task SetPasswordAsync(
        HttpContext context, string id, UserAdministration admin, OwnCredentialsCheck own, Replies replies)
    {
        using var body = await AdminApiInput.ReadOrRejectAsync(context, replies, UserAdministration.PasswordField, PasswordExample);
        if (body is null)
        {
            return;
        }

        var password = AdminApiInput.String(body.RootElement, UserAdministration.PasswordField);

        // A new password the rules refuse is reported first, without spending the admin's code on it.
        if (PasswordRules.Problem(password, username: null) is null && await OwnCredentialsRefusedAsync(context, id, body, own, replies))
        {
            return;
        }

        await AdminReplies.WriteAsync(context, replies,
            await admin.SetPasswordAsync(Actor(context), id, password, context.RequestAborted), withUser: false);
    }

    /// <summary>No body for another user's second factor; the admin's own needs their password and code.</summary>
    private static async Task ResetSecondFactorAsync(
        HttpContext context, string id, UserAdministration admin, OwnCredentialsCheck own, Replies replies)
    {
        JsonDocument? body = null;
        if (RequestKinds.HasJsonBody(context.Request) || context.Request.ContentLength > 0)
        {
            body = await AdminApiInput.ReadOrRejectAsync(context, replies, OwnCredentialsCheck.PasswordField, OwnCredentialsExample);
            if (body is null)
            {
                return;
            }
        }

        using var read = body;
        if (await OwnCredentialsRefusedAsync(context, id, body, own, replies))
        {
            return;
        }

        await AdminReplies.WriteAsync(context, replies, await admin.ResetSecondFactorAsync(Actor(context), id, context.RequestAborted));
    }

    /// <summary>Answers the error when the admin acts on their own account without proving it is them.</summary>
    private static async Task<bool> OwnCredentialsRefusedAsync(
        HttpContext context, string id, JsonDocument? body, OwnCredentialsCheck own, Replies replies)
    {
        var root = body?.RootElement;
        var refusal = await own.RefusalAsync(Actor(context), id,
            root is { } password ? AdminApiInput.String(password, OwnCredentialsCheck.PasswordField) : null,
            root is { } code ? AdminApiInput.String(code, OwnCredentialsCheck.CodeField) : null,
            context.RequestAborted);
        if (refusal is null)
        {
            return false;
        }

        await replies.ErrorAsync(context, refusal);
        return true;
    }

    private static async Task DeleteAsync(HttpContext context, string id, UserAdministration admin, Replies replies) =>
        await AdminReplies.WriteAsync(context, replies, await admin.DeleteAsync(Actor(context), id, context.RequestAborted));

    private static async Task ListAuditAsync(HttpContext context, AuditTrail audit, Replies replies)
    {
        if (!TryReadPage(context.Request, out var page))
        {
            await replies.ErrorAsync(context, BadPage);
            return;
        }

        var events = await audit.ListAsync(page - 1, AuditPageSize, context.RequestAborted);
        await Replies.JsonAsync(context, StatusCodes.Status200OK, new { events, page, pageSize = AuditPageSize });
    }

    private static readonly HttpError BadPage =
        AdminReplies.Invalid("page", "page is a whole number from 1 (the first page) to 1000000.");

    /// <summary>?page=N, 1-based; absent means the first page.</summary>
    private static bool TryReadPage(HttpRequest request, out int page)
    {
        page = 1;
        var values = request.Query["page"];
        return values.Count == 0
            || (values.Count == 1
                && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out page)
                && page is >= 1 and <= MaxPage);
    }

    private static AdminActor Actor(HttpContext context) =>
        new(context.User.FindFirst(GatewayClaims.Subject)!.Value, context.Connection.RemoteIpAddress?.ToString());
}
