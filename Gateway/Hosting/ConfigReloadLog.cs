namespace Gateway.Hosting;

/// <summary>What happened when yarp.json changed. Setting names only: values may be secrets (Gateway:Jwt:SigningKey).</summary>
internal static partial class ConfigReloadLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "{Keys} changed in the configuration and are not applied while the gateway runs: it keeps the values " +
            "it started with until it is restarted. Routes and clusters are applied without a restart.")]
    public static partial void RestartNeeded(ILogger logger, string keys);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "The settings that need a restart are back to the values the gateway runs with.")]
    public static partial void BackToRunningValues(ILogger logger);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error,
        Message = "{Reason} The change was not applied; the gateway keeps the configuration it had.")]
    public static partial void FileRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error,
        Message = "The routes and clusters in the changed configuration are invalid and were not applied; the gateway " +
            "keeps the ones it had. {Reason}")]
    public static partial void ProxyConfigRejected(ILogger logger, string reason);
}
