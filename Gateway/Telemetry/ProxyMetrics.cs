namespace Gateway.Telemetry;

/// <summary>
/// First in YARP's pipeline, so it sees every request that authorization let through ("allowed") and then whether
/// the forwarder failed: YARP reports its failures through EventCounters, not a meter, so the gateway counts them.
/// </summary>
internal sealed class ProxyMetrics(RequestDelegate next, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        metrics.AuthDecided(AuthDecision.Allowed);
        await next(context);
        if (context.GetForwarderErrorFeature() is { } failure)
        {
            metrics.ProxyFailed(failure.Error);
        }
    }
}
