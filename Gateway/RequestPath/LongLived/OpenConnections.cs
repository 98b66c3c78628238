using System.Collections.Concurrent;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.LongLived;

/// <summary>
/// The WebSockets and event streams of signed-in users open on this instance. Each ends when its token expires (plus the
/// clock skew, as a request with it would be refused from then on): the token is what let it through, and neither a
/// socket nor a stream can present a refreshed one. Revocations end them through <see cref="RevokedConnectionCloser"/>.
/// </summary>
internal sealed class OpenConnections(TimeProvider time, IOptions<JwtOptions> jwt, ILogger<OpenConnections> logger)
{
    private readonly ConcurrentDictionary<long, OpenConnection> _open = new();
    private readonly ILogger _logger = logger;
    private long _nextId;

    public int Count => _open.Count;

    public IEnumerable<OpenConnection> All => _open.Values;

    /// <returns>Removes the connection again, and cancels its expiry, when disposed.</returns>
    public IDisposable Add(OpenConnection connection)
    {
        var id = Interlocked.Increment(ref _nextId);
        _open[id] = connection;
        var closesIn = connection.ExpiresAt + jwt.Value.ClockSkew - time.GetUtcNow();
        var registration = new Registration(this, id, connection);
        registration.Expiry = time.CreateTimer(static state => ((Registration)state!).Expire(),
            registration, closesIn > TimeSpan.Zero ? closesIn : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return registration;
    }

    private sealed class Registration(OpenConnections owner, long id, OpenConnection connection) : IDisposable
    {
        public ITimer? Expiry { get; set; }

        public void Expire()
        {
            if (connection.TryAbort())
            {
                LongLivedLog.ClosedExpired(owner._logger, connection.Kind, connection.Path, connection.UserId, connection.ExpiresAt);
            }
        }

        public void Dispose()
        {
            connection.End();
            Expiry?.Dispose();
            owner._open.TryRemove(id, out _);
        }
    }
}
