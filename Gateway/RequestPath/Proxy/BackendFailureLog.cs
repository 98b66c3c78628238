using System.Collections.Concurrent;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.RequestPath.Proxy;

/// <summary>
/// Why requests to a backend fail, in one line per destination and kind of failure per <see cref="Interval"/>, without
/// a stack trace. In an outage every request fails the same way: YARP's own warning, one per request with the
/// exception's stack, cost more to write than the flood took to produce and piled up in the log's queue (hundreds of
/// MB within a minute). Each request still has its request line, with its 502, 503 or 504.
/// </summary>
internal sealed partial class BackendFailureLog(TimeProvider time, ILogger<BackendFailureLog> logger)
{
    /// <summary>Often enough to see an outage start, go on and change cause; rarely enough to cost nothing under load.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Cluster, string Destination, ForwarderError Error), Run> _runs = new();

    public void Failed(HttpContext context, IForwarderErrorFeature failure)
    {
        var proxy = context.GetReverseProxyFeature();
        var cluster = proxy.Cluster.Config.ClusterId;
        var destination = proxy.ProxiedDestination?.DestinationId ?? "-";
        var run = _runs.GetOrAdd((cluster, destination, failure.Error), static _ => new Run());
        if (!run.TryStartLine(time.GetUtcNow().UtcTicks, out var unlogged))
        {
            return;
        }

        // The error's name as text: an enum value would be shown in quotes.
        var error = failure.Error.ToString();
        if (unlogged == 0)
        {
            Failure(logger, cluster, destination, error, Reason(failure.Exception));
        }
        else
        {
            Repeated(logger, cluster, destination, error, Reason(failure.Exception), unlogged);
        }
    }

    /// <summary>The messages of the exception and its inner ones, each only when it adds something to the one before.</summary>
    internal static string Reason(Exception? exception)
    {
        if (exception is null)
        {
            return "no exception";
        }

        var reason = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!reason.Contains(inner.Message, StringComparison.Ordinal))
            {
                reason += " " + inner.Message;
            }
        }

        return reason;
    }

    /// <summary>Failures of one kind at one destination: when the next line is due, and how many since the last went unlogged.</summary>
    private sealed class Run
    {
        private long _nextLineAt = long.MinValue;
        private long _unlogged;

        /// <summary>Lock-free: in an outage every request of every thread lands here.</summary>
        public bool TryStartLine(long now, out long unlogged)
        {
            var due = Volatile.Read(ref _nextLineAt);
            if (now >= due && Interlocked.CompareExchange(ref _nextLineAt, now + Interval.Ticks, due) == due)
            {
                unlogged = Interlocked.Exchange(ref _unlogged, 0);
                return true;
            }

            Interlocked.Increment(ref _unlogged);
            unlogged = 0;
            return false;
        }
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "Could not forward to backend {ClusterId} (destination {DestinationId}): {Error}: {Reason}")]
    private static partial void Failure(ILogger logger, string clusterId, string destinationId, string error, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Could not forward to backend {ClusterId} (destination {DestinationId}): {Error}: {Reason}; {Unlogged} more like it since the last line, not logged one by one")]
    private static partial void Repeated(ILogger logger, string clusterId, string destinationId, string error, string reason, long unlogged);
}
