namespace Gateway.Tests.Telemetry;

/// <summary>
/// OpenTelemetry's meter provider listens by meter name across the whole process, so every gateway a parallel test
/// starts would add to the counts a metrics test reads. Tests that read counts run in this collection, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeters
{
    public const string Name = "Process-wide meters";
}
