namespace Gateway.Administration.Cli;

/// <summary>Exit codes of <c>Gateway.dll users ...</c>, the same families as the server's.</summary>
internal static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The command could not be done: unknown user, taken name, weak password, bad role, bad usage.</summary>
    public const int Failed = 1;

    /// <summary>The configuration cannot be used (see <see cref="StartupProblem"/>), as when the server refuses to start.</summary>
    public const int Configuration = 2;
}
