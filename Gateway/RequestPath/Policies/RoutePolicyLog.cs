namespace Gateway.RequestPath.Policies;

internal static partial class RoutePolicyLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "The changed Gateway:Policies are invalid and were not applied; the gateway keeps the policies it had. {Reason}")]
    public static partial void PoliciesRejected(ILogger logger, string reason);
}
