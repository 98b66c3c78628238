namespace Gateway.Administration.Cli;

/// <param name="Name">The word after <c>users</c>.</param>
/// <param name="Usage">The arguments, as the usage line shows them.</param>
/// <param name="Positionals">How many positional arguments it takes.</param>
/// <param name="Flags">Its options without a value.</param>
/// <param name="Valued">Its options followed by a value.</param>
internal sealed record CliCommand(
    string Name,
    string Usage,
    int Positionals,
    IReadOnlyCollection<string> Flags,
    IReadOnlyCollection<string> Valued,
    Func<CliContext, CancellationToken, Task<int>> RunAsync)
{
    public string UsageLine => $"{UsersCommand.Program} users {Name} {Usage}";
}
