namespace Gateway.Administration.Cli;

/// <summary><c>users add NAME [--display-name TEXT] [--role ROLE]... --password-stdin</c>: how the first admin is made.</summary>
internal static class UserCreation
{
    public static readonly CliCommand Command = new(
        "add", "NAME [--display-name TEXT] [--role ROLE]... --password-stdin", 1,
        [PasswordInput.Option], ["--display-name", "--role"], RunAsync);

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var password = await PasswordInput.ReadAsync(context.Args, context.In);

        // --role admin --role editor, or --role admin,editor: both read the same.
        var roles = context.Args.Values("--role").SelectMany(RoleList.Parse).ToList();
        var result = await context.Get<UserAdministration>().CreateAsync(
            AdminActor.CommandLine, context.Name, context.Args.Value("--display-name"), password, roles, cancellationToken);
        return await AdminOutcome.ReportAsync(context, result, user =>
            $"Created user {user!.Username} (id {user.Id}) with {RoleList.Describe(user.Roles)}.");
    }
}
