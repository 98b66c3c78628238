namespace Gateway.Administration.Cli;

/// <summary>A mistake in what the command line asked for: printed as one line on standard error, exit code 1.</summary>
internal sealed class CliProblem(string message) : Exception(message);
