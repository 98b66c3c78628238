namespace Gateway.Administration.Cli;

/// <summary>
/// A password from standard input (<c>--password-stdin</c>): never an argument, which other users can read in the
/// process list and which lands in shell history. The first line is the password, without its line ending.
/// </summary>
internal static class PasswordInput
{
    public const string Option = "--password-stdin";

    public static async Task<string> ReadAsync(CliArguments args, TextReader input)
    {
        if (!args.Has(Option))
        {
            throw new CliProblem($"Give the password on standard input with {Option}, e.g. printf '%s' \"$PASS\" | ... {Option}.");
        }

        var line = await input.ReadLineAsync();
        return string.IsNullOrEmpty(line) ? throw new CliProblem("No password on standard input.") : line;
    }
}
