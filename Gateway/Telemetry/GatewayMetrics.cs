using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Hosting.Options;
using Gateway.Revocation;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Telemetry;

/// <summary>
/// The gateway's own instruments, on the <see cref="MeterName"/> meter. Always registered, so any feature can count:
/// with no listener (metrics off) an Add is a check of an empty subscription list. The tags are cached, one boxed
/// pair per value, so counting every proxied request allocates nothing.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Gateway";

    /// <summary>The auth decision as a tag on the request's span, when a tracer records it.</summary>
    public const string DecisionTag = "gateway.auth.decision";

    private static readonly KeyValuePair<string, object?>[] DecisionTags = Tags<AuthDecision>();
    private static readonly KeyValuePair<string, object?>[] LoginTags = Tags<LoginOutcome>();
    private static readonly KeyValuePair<string, object?>[] RegistrationTags = Tags<RegistrationOutcome>();
    private static readonly KeyValuePair<string, object?>[] ContinuationTags = Tags<SessionContinuation>("kind");
    private static readonly KeyValuePair<string, object?>[] RevocationKinds =
        [new("kind", "token"), new("kind", "session"), new("kind", "user")];

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _registrations;
    private readonly Counter<long> _sessions;
    private readonly Counter<long> _proxyErrors;
    private readonly Histogram<double> _hashDuration;
    private readonly IOptions<GatewayOptions> _options;

    public GatewayMetrics(IMeterFactory meters, IServiceProvider services, IOptions<GatewayOptions> options)
    {
        _options = options;
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("gateway.auth.decisions", "{request}",
            "Requests by what authentication and authorization decided.");
        _logins = meter.CreateCounter<long>("gateway.logins", "{attempt}", "Sign-in attempts by outcome.");
        _registrations = meter.CreateCounter<long>("gateway.registrations", "{attempt}", "Registration attempts by outcome.");
        _sessions = meter.CreateCounter<long>("gateway.sessions.refreshed", "{token}",
            "Sessions continued with a new token, refreshed or restored from remember-me.");
        _proxyErrors = meter.CreateCounter<long>("gateway.proxy.errors", "{request}",
            "Proxied requests that failed, by YARP's forwarder error.");
        _hashDuration = meter.CreateHistogram<double>("gateway.password_hash.duration", "s",
            "Time one password hash took on a hashing thread, not counting the wait in the queue.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

        // Observed at collection only, from services resolved then: gauges cost nothing between scrapes.
        meter.CreateObservableGauge("gateway.password_hash.queued",
            () => services.GetService<IHashingQueue>()?.QueueLength ?? 0, "{hash}", "Password hashes waiting for a hashing thread.");
        meter.CreateObservableGauge("gateway.revocation.entries", () => RevocationEntries(services), "{entry}",
            "Revocations held in this process's view, by kind.");
        meter.CreateObservableGauge("gateway.redis.connected", () => RedisConnected(services), null,
            "1 while the Redis connection is up, 0 while it is down; absent without Redis.");
    }

    public void AuthDecided(AuthDecision decision)
    {
        var tag = DecisionTags[(int)decision];
        _decisions.Add(1, tag);
        // The request's own activity (hosting's): recorded only when a tracer samples it, which costs nothing otherwise.
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(DecisionTag, tag.Value);
        }
    }

    public void LoginAttempted(LoginOutcome result) => _logins.Add(1, LoginTags[(int)result]);

    public void RegistrationAttempted(RegistrationOutcome result) => _registrations.Add(1, RegistrationTags[(int)result]);

    /// <summary>
    /// A login or register post refused before it was looked at: rate-limited, or no hashing thread free in time.
    /// Other paths (a password change, the admin API) are not sign-in attempts and are not counted.
    /// </summary>
    public void AttemptRefused(HttpContext context, bool busy)
    {
        var path = context.Request.Path;
        var options = _options.Value;
        if (path.Equals(options.LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            LoginAttempted(busy ? LoginOutcome.Busy : LoginOutcome.Throttled);
        }
        else if (path.Equals(options.RegisterPath, StringComparison.OrdinalIgnoreCase))
        {
            RegistrationAttempted(busy ? RegistrationOutcome.Busy : RegistrationOutcome.Throttled);
        }
    }

    public void SessionContinued(SessionContinuation kind) => _sessions.Add(1, ContinuationTags[(int)kind]);

    public void ProxyFailed(ForwarderError error) => _proxyErrors.Add(1, new KeyValuePair<string, object?>("error", error.ToString()));

    public void PasswordHashed(TimeSpan elapsed) => _hashDuration.Record(elapsed.TotalSeconds);

    /// <summary>Whether anyone listens to the hash duration: the hashing thread then skips reading the clock.</summary>
    public bool MeasuresHashing => _hashDuration.Enabled;

    private static IEnumerable<Measurement<int>> RevocationEntries(IServiceProvider services)
    {
        if (services.GetService<InMemoryTokenRevocation>() is not { } view)
        {
            return [];
        }

        return
        [
            new(view.Count, RevocationKinds[0]),
            new(view.SessionCount, RevocationKinds[1]),
            new(view.CutOffCount, RevocationKinds[2]),
        ];
    }

    private static IEnumerable<Measurement<int>> RedisConnected(IServiceProvider services) =>
        services.GetService<IConnectionMultiplexer>() is { } redis ? [new(redis.IsConnected ? 1 : 0)] : [];

    private static KeyValuePair<string, object?>[] Tags<T>(string name = "result")
        where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(value => new KeyValuePair<string, object?>(name, Snake(value.ToString())))];

    private static string Snake(string name) => name.ToLowerInvariant();
}
