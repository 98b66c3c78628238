namespace Gateway.ForwardAuth;

internal static partial class ForwardAuthLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Error,
        Message = "A proxy asked {Path} for the policy {Policy}, which is not defined: every request it checks this way is refused with 400 until Gateway:Policies defines it or the proxy's configuration names another.")]
    public static partial void UnknownPolicy(ILogger logger, string path, string policy);
}
