namespace StagedGateway;

internal static partial class BenchLog
{
    [LoggerMessage(EventId = 6400, Level = LogLevel.Warning,
        Message = "GATEWAY_BENCH_OFF is set: the stages {Stages} of the request path are off. Benchmark only, not secure")]
    public static partial void StagesOff(ILogger logger, string stages);
}
