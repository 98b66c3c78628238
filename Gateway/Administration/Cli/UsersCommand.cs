using Gateway.Accounts;
using Gateway.Administration.Import;
using Gateway.Hosting;

namespace Gateway.Administration.Cli;

/// <summary>
/// <c>Gateway.dll users COMMAND ...</c>: account administration from the command line, on the same configuration and
/// user store as the server, and safe to run while it serves. Exit 0 on success, 1 with one line on standard error
/// saying what is wrong, 2 when the configuration cannot be used.
/// </summary>
internal static class UsersCommand
{
    public const string Word = "users";
    public const string Program = "Gateway.dll";

    private static readonly CliCommand[] Commands =
    [
        UserCreation.Command,
        UserListingCommand.Command,
        .. UserChangeCommands.Commands,
        ImportCommand.Command,
    ];

    public static bool Handles(string[] args) => args is [Word, ..];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.In, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args is [Word] or [Word, "help" or "--help" or "-h"])
        {
            var stream = args.Length == 1 ? error : output;
            await stream.WriteLineAsync("Usage:");
            foreach (var each in Commands)
            {
                await stream.WriteLineAsync("  " + each.UsageLine);
            }

            await stream.WriteLineAsync("Configuration as for the server: --config PATH, GATEWAY_CONFIG, Gateway__* variables, --Gateway:Key value.");
            return args.Length == 1 ? CliExitCodes.Failed : CliExitCodes.Success;
        }

        var command = Commands.FirstOrDefault(each => each.Name == args[1]);
        if (command is null)
        {
            return await FailAsync(error,
                $"Unknown command '{args[1]}'. Usage: {Program} users {string.Join('|', Commands.Select(each => each.Name))} ... " +
                $"({Program} users help lists their arguments).");
        }

        CliArguments parsed;
        try
        {
            parsed = CliArguments.Parse(args[2..], command.Flags, command.Valued);
            if (parsed.Positional.Count != command.Positionals)
            {
                throw new CliProblem("Usage: " + command.UsageLine);
            }
        }
        catch (CliProblem problem)
        {
            return await FailAsync(error, problem.Message.StartsWith("Usage", StringComparison.Ordinal)
                ? problem.Message
                : $"{problem.Message} Usage: {command.UsageLine}");
        }

        try
        {
            using var host = CliHost.Build(parsed.Configuration);
            return await command.RunAsync(new CliContext(host, parsed, input, output, error), CancellationToken.None);
        }
        catch (Exception ex) when (StartupProblem.Find(ex) is { } reason)
        {
            await error.WriteLineAsync($"error: the configuration cannot be used: {reason}");
            return CliExitCodes.Configuration;
        }
        catch (CliProblem problem)
        {
            return await FailAsync(error, problem.Message);
        }
        catch (UnreadableLegacyFile unreadable)
        {
            return await FailAsync(error, unreadable.Message);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or HashingBusyException)
        {
            return await FailAsync(error, $"users {command.Name} failed: {ex.Message}");
        }
    }

    public static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync("error: " + message);
        return CliExitCodes.Failed;
    }
}
