namespace Gateway.Hosting.Options;

/// <summary>
/// Which parts of the request path run. The shipped gateway always runs every part (<see cref="All"/>) and nothing in it
/// reads a setting that changes this; only the benchmark's own host (bench/StagedGateway) builds the gateway with parts
/// off, to measure what each one costs.
/// </summary>
internal sealed record PipelineParts
{
    public static readonly PipelineParts All = new();

    public bool RequestLog { get; init; } = true;

    /// <summary>The exception handler, forwarder error pages, signed assertions and private caching.</summary>
    public bool Extras { get; init; } = true;

    /// <summary>Allowed hosts, ambiguous paths, the gateway's assets and the rate limiter.</summary>
    public bool Checks { get; init; } = true;

    /// <summary>Authentication and authorization: with it off, every route is public.</summary>
    public bool Auth { get; init; } = true;

    /// <summary>The identity headers on proxied requests.</summary>
    public bool Identity { get; init; } = true;

    public bool Metrics { get; init; } = true;

    /// <summary>Runs after every registration, so it can wrap one (the benchmark's revocation that finds nothing).</summary>
    public Action<IServiceCollection>? AfterServices { get; init; }

    /// <summary>Runs first in the pipeline (the benchmark's allocation probe).</summary>
    public Action<WebApplication>? First { get; init; }
}
