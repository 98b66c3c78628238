using System.Security.Cryptography;

using Gateway.Accounts;
using Gateway.Audit;
using Gateway.Revocation;
using Gateway.Storage;

namespace Gateway.Administration;

/// <summary>
/// What an admin (page, API) or the command line can do to accounts. Every change that takes rights away ends the
/// user's tokens on every instance, and every change is an audit event. An admin cannot remove their own admin role,
/// nor disable or delete themselves, so a gateway never loses its last admin by accident.
/// </summary>
internal sealed class UserAdministration(
    IUserStore store,
    PasswordHashing hashing,
    SignOutEverywhere signOut,
    AuditTrail audit,
    TimeProvider time,
    ISecondFactorStore secondFactors)
{
    public const int PageSize = 50;
    public const string RolesField = "roles";
    public const string PasswordField = "password";
    public const string UserField = "id";

    public Task<UserListing> ListAsync(string? query, int page, CancellationToken cancellationToken) =>
        store.ListAsync(query, page, PageSize, cancellationToken);

    public async Task<AdminResult> CreateAsync(
        AdminActor actor, string? username, string? displayName, string? password, IReadOnlyList<string> roles,
        CancellationToken cancellationToken)
    {
        if (UsernameRules.Problem(username) is { } usernameProblem)
        {
            return new AdminResult.Invalid(UserAccounts.UsernameField, usernameProblem);
        }

        if (DisplayNameRules.Problem(displayName) is { } displayNameProblem)
        {
            return new AdminResult.Invalid(UserAccounts.DisplayNameField, displayNameProblem);
        }

        if (PasswordRules.Problem(password, username) is { } passwordProblem)
        {
            return new AdminResult.Invalid(PasswordField, passwordProblem);
        }

        if (RoleRules.Problem(roles) is { } rolesProblem)
        {
            return new AdminResult.Invalid(RolesField, rolesProblem);
        }

        var user = new User(
            Id: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Username: username!,
            DisplayName: string.IsNullOrWhiteSpace(displayName) ? username! : displayName.Trim(),
            PasswordHash: await hashing.HashAsync(password!, cancellationToken),
            CreatedAt: time.GetUtcNow(),
            TokensValidAfter: DateTimeOffset.UnixEpoch)
        {
            Roles = RoleRules.Normalize(roles),
        };

        if (!await store.TryCreateAsync(user, cancellationToken))
        {
            return new AdminResult.UsernameTaken();
        }

        await audit.RecordAsync(AuditEvents.UserCreated, actor.Id, user.Id, actor.Address, Describe(user));
        return new AdminResult.Done(user);
    }

    public async Task<AdminResult> SetRolesAsync(
        AdminActor actor, string userId, IReadOnlyList<string?>? roles, CancellationToken cancellationToken)
    {
        if (RoleRules.Problem(roles) is { } problem)
        {
            return new AdminResult.Invalid(RolesField, problem);
        }

        var normalized = RoleRules.Normalize(roles!.Select(role => role!));
        if (await store.FindByIdAsync(userId, cancellationToken) is not { } user)
        {
            return new AdminResult.NotFound();
        }

        if (actor.IsUser(userId) && user.IsAdmin && !normalized.Contains(RoleRules.Admin))
        {
            return new AdminResult.Invalid(RolesField, "You cannot remove your own admin role; ask another admin.");
        }

        if (user.Roles.SequenceEqual(normalized))
        {
            return new AdminResult.Done(user);
        }

        var cutOff = await store.SetRolesAsync(userId, normalized, signOut.NextCutOff(userId), cancellationToken);
        if (cutOff is not { } stored)
        {
            return new AdminResult.NotFound();
        }

        await signOut.EnforceAsync(userId, stored);
        await audit.RecordAsync(AuditEvents.RolesChanged, actor.Id, userId, actor.Address, RoleList(normalized));
        return new AdminResult.Done(user with { Roles = normalized, TokensValidAfter = stored });
    }

    public async Task<AdminResult> SetDisabledAsync(
        AdminActor actor, string userId, bool disabled, CancellationToken cancellationToken)
    {
        if (disabled && actor.IsUser(userId))
        {
            return new AdminResult.Invalid(UserField, "You cannot disable your own account.");
        }

        if (await store.FindByIdAsync(userId, cancellationToken) is not { } user)
        {
            return new AdminResult.NotFound();
        }

        var cutOff = await store.SetDisabledAsync(userId, disabled, signOut.NextCutOff(userId), cancellationToken);
        if (cutOff is not { } stored)
        {
            return new AdminResult.NotFound();
        }

        if (disabled)
        {
            await signOut.EnforceAsync(userId, stored);
        }

        await audit.RecordAsync(
            disabled ? AuditEvents.UserDisabled : AuditEvents.UserEnabled, actor.Id, userId, actor.Address, user.Username);
        return new AdminResult.Done(user with { Disabled = disabled, TokensValidAfter = stored });
    }

    public async Task<AdminResult> SignOutAsync(AdminActor actor, string userId, CancellationToken cancellationToken)
    {
        if (await store.FindByIdAsync(userId, cancellationToken) is not { } user)
        {
            return new AdminResult.NotFound();
        }

        var cutOff = await signOut.RunAsync(userId, cancellationToken);
        await audit.RecordAsync(AuditEvents.UserSignedOut, actor.Id, userId, actor.Address, user.Username);
        return new AdminResult.Done(user with { TokensValidAfter = cutOff });
    }

    public async Task<AdminResult> SetPasswordAsync(
        AdminActor actor, string userId, string? password, CancellationToken cancellationToken)
    {
        if (await store.FindByIdAsync(userId, cancellationToken) is not { } user)
        {
            return new AdminResult.NotFound();
        }

        if (PasswordRules.Problem(password, user.Username) is { } problem)
        {
            return new AdminResult.Invalid(PasswordField, problem);
        }

        var hash = await hashing.HashAsync(password!, cancellationToken);
        var cutOff = await store.ChangePasswordAsync(userId, hash, signOut.NextCutOff(userId), cancellationToken);
        if (cutOff is not { } stored)
        {
            return new AdminResult.NotFound();
        }

        await signOut.EnforceAsync(userId, stored);
        await audit.RecordAsync(AuditEvents.PasswordSet, actor.Id, userId, actor.Address, user.Username);
        return new AdminResult.Done(user with { PasswordHash = hash, TokensValidAfter = stored });
    }

    /// <summary>
    /// Removes the user's second factor (secret and recovery codes), for a user who lost their authenticator and their
    /// recovery codes; their sessions end, and they sign in with the password alone until they enrol again.
    /// </summary>
    public async Task<AdminResult> ResetSecondFactorAsync(AdminActor actor, string userId, CancellationToken cancellationToken)
    {
        if (await store.FindByIdAsync(userId, cancellationToken) is not { } user)
        {
            return new AdminResult.NotFound();
        }

        if (!await secondFactors.RemoveAsync(userId, cancellationToken))
        {
            return new AdminResult.Invalid(UserField, $"{user.Username} has no two-step sign-in to reset.");
        }

        var cutOff = await signOut.RunAsync(userId, CancellationToken.None);
        await audit.RecordAsync(AuditEvents.SecondFactorReset, actor.Id, userId, actor.Address, user.Username);
        return new AdminResult.Done(user with { TokensValidAfter = cutOff });
    }

    public async Task<AdminResult> DeleteAsync(AdminActor actor, string userId, CancellationToken cancellationToken)
    {
        if (actor.IsUser(userId))
        {
            return new AdminResult.Invalid(UserField, "You cannot delete your own account.");
        }

        if (await store.FindByIdAsync(userId, cancellationToken) is not { } user)
        {
            return new AdminResult.NotFound();
        }

        var cutOff = signOut.NextCutOff(userId);
        if (!await store.DeleteAsync(userId, cutOff, cancellationToken))
        {
            return new AdminResult.NotFound();
        }

        await signOut.EnforceAsync(userId, cutOff);
        await audit.RecordAsync(AuditEvents.UserDeleted, actor.Id, userId, actor.Address, user.Username);
        return new AdminResult.Deleted();
    }

    private static string RoleList(IReadOnlyList<string> roles) => roles.Count == 0 ? "roles: none" : "roles: " + string.Join(',', roles);

    private static string Describe(User user) => $"{user.Username}, {RoleList(user.Roles)}";
}
