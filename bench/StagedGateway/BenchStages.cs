using Gateway.Hosting.Options;

namespace StagedGateway;

/// <summary>
/// Benchmark only (bench/README.md, "The cost ledger"): request-path stages switched off by the GATEWAY_BENCH_OFF
/// environment variable, a comma-separated list of <see cref="Names"/>, so the bench can measure what each one costs.
/// Read only by this benchmark host: the shipped gateway has no such switch.
/// </summary>
internal sealed class BenchStages
{
    public const string Variable = "GATEWAY_BENCH_OFF";

    public const string RequestLog = "request-log";
    public const string Metrics = "metrics";
    public const string Revocation = "revocation";
    public const string Checks = "checks";
    public const string Auth = "auth";
    public const string Identity = "identity";
    public const string Extras = "extras";

    public static readonly string[] Names = [RequestLog, Metrics, Revocation, Checks, Auth, Identity, Extras];

    private readonly HashSet<string> _off;

    private BenchStages(HashSet<string> off) => _off = off;

    public static BenchStages None { get; } = new([]);

    public bool Any => _off.Count > 0;

    public static BenchStages Read(IConfiguration configuration)
    {
        var value = configuration[Variable];
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var off = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        if (off.FirstOrDefault(name => !Names.Contains(name)) is { } unknown)
        {
            throw new GatewayStartupException(
                $"{Variable} names the unknown stage '{unknown}'; the stages are {string.Join(", ", Names)}.");
        }

        return new BenchStages(off);
    }

    public bool IsOff(string stage) => _off.Contains(stage);

    public override string ToString() => string.Join(",", _off.Order(StringComparer.Ordinal));

    public bool IsOn(string stage) => !_off.Contains(stage);

    /// <summary>The gateway's pipeline with these stages off.</summary>
    public PipelineParts Parts() => PipelineParts.All with
    {
        RequestLog = IsOn(RequestLog),
        Metrics = IsOn(Metrics),
        Checks = IsOn(Checks),
        Auth = IsOn(Auth),
        Identity = IsOn(Identity),
        Extras = IsOn(Extras),
    };
}
