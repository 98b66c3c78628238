namespace Gateway.Hosting.Options;

/// <summary>
/// Finds the yarp.json that describes routes, clusters and the gateway's settings:
/// <c>--config PATH</c>, else <c>GATEWAY_CONFIG</c>, else yarp.json in the working directory or beside the binary.
/// </summary>
internal static class GatewayConfigFile
{
    public const string EnvironmentVariable = "GATEWAY_CONFIG";
    public const string DefaultFileName = "yarp.json";

    public static ConfigurationManager AddGatewayConfigFile(this ConfigurationManager configuration, string[] args)
    {
        var path = Locate(args, Environment.GetEnvironmentVariable(EnvironmentVariable));
        ((IConfigurationBuilder)configuration).Add(new GatewayJsonConfigurationSource(path));

        // Environment variables and the command line keep precedence over the file, as they do over appsettings.json.
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        return configuration;
    }

    internal static string Locate(string[] args, string? environmentValue)
    {
        var explicitPath = FromArgs(args) ?? NullIfEmpty(environmentValue);
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath);
            return File.Exists(full)
                ? full
                : throw new GatewayStartupException(
                    $"The config file '{full}' (from --config or {EnvironmentVariable}) does not exist.");
        }

        string[] candidates =
        [
            Path.Combine(Directory.GetCurrentDirectory(), DefaultFileName),
            Path.Combine(AppContext.BaseDirectory, DefaultFileName),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new GatewayStartupException(
                $"No {DefaultFileName} found in {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}. " +
                $"Pass --config PATH or set {EnvironmentVariable}.");
    }

    private static string? FromArgs(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--config" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
