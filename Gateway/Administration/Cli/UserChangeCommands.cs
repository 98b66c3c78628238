namespace Gateway.Administration.Cli;

/// <summary>
/// <c>users roles|disable|enable|password|delete|reset-second-factor NAME</c>. Each but enable ends the user's sessions on every instance,
/// through <see cref="UserAdministration"/>, exactly as the admin page does.
/// </summary>
internal static class UserChangeCommands
{
    public static readonly CliCommand[] Commands =
    [
        new("roles", "NAME ROLE[,ROLE...]   (\"\" for none)", 2, [], [], SetRolesAsync),
        new("disable", "NAME", 1, [], [], (context, cancel) => SetDisabledAsync(context, true, cancel)),
        new("enable", "NAME", 1, [], [], (context, cancel) => SetDisabledAsync(context, false, cancel)),
        new("password", "NAME --password-stdin", 1, [PasswordInput.Option], [], SetPasswordAsync),
        new("delete", "NAME", 1, [], [], DeleteAsync),
        new("reset-second-factor", "NAME", 1, [], [], ResetSecondFactorAsync),
    ];

    private static async Task<int> SetRolesAsync(CliContext context, CancellationToken cancellationToken)
    {
        var user = await AdminOutcome.FindAsync(context, cancellationToken);
        var roles = RoleList.Parse(context.Args.Positional[1]);
        var result = await context.Get<UserAdministration>().SetRolesAsync(AdminActor.CommandLine, user.Id, [.. roles], cancellationToken);
        return await AdminOutcome.ReportAsync(context, result, changed =>
            $"{changed!.Username} now has {RoleList.Describe(changed.Roles)}" +
            (changed.Roles.SequenceEqual(user.Roles) ? "." : "; their sessions have ended."));
    }

    private static async Task<int> SetDisabledAsync(CliContext context, bool disabled, CancellationToken cancellationToken)
    {
        var user = await AdminOutcome.FindAsync(context, cancellationToken);
        var result = await context.Get<UserAdministration>().SetDisabledAsync(AdminActor.CommandLine, user.Id, disabled, cancellationToken);
        return await AdminOutcome.ReportAsync(context, result, _ => disabled
            ? $"Disabled {user.Username}: they cannot sign in, and their sessions have ended."
            : $"Enabled {user.Username}: they can sign in again.");
    }

    private static async Task<int> SetPasswordAsync(CliContext context, CancellationToken cancellationToken)
    {
        var password = await PasswordInput.ReadAsync(context.Args, context.In);
        var user = await AdminOutcome.FindAsync(context, cancellationToken);
        var result = await context.Get<UserAdministration>().SetPasswordAsync(AdminActor.CommandLine, user.Id, password, cancellationToken);
        return await AdminOutcome.ReportAsync(context, result, _ => $"Set a new password for {user.Username}; their sessions have ended.");
    }

    private static async Task<int> ResetSecondFactorAsync(CliContext context, CancellationToken cancellationToken)
    {
        var user = await AdminOutcome.FindAsync(context, cancellationToken);
        var result = await context.Get<UserAdministration>().ResetSecondFactorAsync(AdminActor.CommandLine, user.Id, cancellationToken);
        return await AdminOutcome.ReportAsync(context, result, _ =>
            $"Reset the two-step sign-in of {user.Username}: they sign in with the password alone until they set it up again; their sessions have ended.");
    }

    private static async Task<int> DeleteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var user = await AdminOutcome.FindAsync(context, cancellationToken);
        var result = await context.Get<UserAdministration>().DeleteAsync(AdminActor.CommandLine, user.Id, cancellationToken);
        return await AdminOutcome.ReportAsync(context, result, _ => $"Deleted {user.Username} (id {user.Id}); the username is free.");
    }
}
