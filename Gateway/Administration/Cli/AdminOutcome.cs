using Gateway.Storage;

namespace Gateway.Administration.Cli;

/// <summary>Turns what <see cref="UserAdministration"/> answered into the command's line of output and exit code.</summary>
internal static class AdminOutcome
{
    public static async Task<int> ReportAsync(CliContext context, AdminResult result, Func<User?, string> success)
    {
        switch (result)
        {
            case AdminResult.Done done:
                await context.Out.WriteLineAsync(success(done.User));
                break;
            case AdminResult.Deleted:
                await context.Out.WriteLineAsync(success(null));
                break;
            case AdminResult.NotFound:
                return await UsersCommand.FailAsync(context.Error, $"No user is named '{context.Name}'.");
            case AdminResult.UsernameTaken:
                return await UsersCommand.FailAsync(context.Error, $"The username '{context.Name}' is taken.");
            case AdminResult.Invalid invalid:
                return await UsersCommand.FailAsync(context.Error, invalid.Message);
        }

        if (RevocationDelivery.Warning(context.Host.Services) is { } warning)
        {
            await context.Error.WriteLineAsync(warning);
        }

        return CliExitCodes.Success;
    }

    /// <summary>The user the command names, by username (any case).</summary>
    public static async Task<User> FindAsync(CliContext context, CancellationToken cancellationToken) =>
        await context.Get<IUserStore>().FindByUsernameAsync(context.Name, cancellationToken)
            ?? throw new CliProblem($"No user is named '{context.Name}'.");
}
