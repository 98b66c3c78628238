namespace Gateway.Diagnostics;

internal static partial class BenchStagesLog
{
    [LoggerMessage(EventId = 6400, Level = LogLevel.Warning,
        Message = "GATEWAY_BENCH_OFF is set: the stages {Stages} of the request path are off. This is for the benchmark only and is not secure; unset it")]
    public static partial void StagesOff(ILogger logger, string stages);
}
