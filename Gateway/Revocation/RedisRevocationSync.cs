using System.Threading.Channels;
using StackExchange.Redis;

namespace Gateway.Revocation;

/// <summary>
/// Keeps the local view and Redis in sync, and does nothing else: subscribes to revocation messages, loads every key
/// before the host serves requests and after each reconnect, writes what was queued while Redis was away, and writes
/// back what Redis lost (a restart without persistence, a flush). Requests never wait on it.
/// </summary>
internal sealed class RedisRevocationSync(
    IConnectionMultiplexer redis,
    InMemoryTokenRevocation view,
    RedisRevocationStore store,
    RedisKeys keys,
    PendingRevocations pending,
    RedisSyncState state,
    ILogger<RedisRevocationSync> logger) : BackgroundService
{
    // How soon the loop looks again (queued writes, a lost subscription); a reconnect wakes it at once.
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private bool _subscribed;
    private string? _lastFailure;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;

        // The first load runs before the host serves requests, so a new instance enforces earlier logouts from its first request.
        await SyncAsync();
        if (!state.InSync)
        {
            RevocationLog.UnavailableAtStart(logger, state.Read().Reason);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await WaitForWakeAsync(stoppingToken);
            await SyncAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        if (redis.IsConnected)
        {
            try
            {
                await WritePendingAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Reported just below.
            }
        }

        if (pending.Count > 0)
        {
            RevocationLog.PendingLost(logger, pending.Count);
        }
    }

    private async Task SyncAsync()
    {
        if (!redis.IsConnected)
        {
            LoseSync("no connection");
            return;
        }

        var generation = state.Generation;
        try
        {
            var subscriber = redis.GetSubscriber();
            if (!_subscribed)
            {
                await subscriber.SubscribeAsync(keys.Channel, (_, message) => OnMessage(message));
                _subscribed = true;
            }

            if (!subscriber.IsConnected(keys.Channel))
            {
                LoseSync("the subscription to revocation messages is down");
                return;
            }

            var written = await WritePendingAsync();
            if (state.InSync)
            {
                return;
            }

            // Answered after any re-subscription queued on that connection: nothing published from here on is missed.
            await subscriber.PingAsync();
            var loaded = await store.LoadAllAsync();
            foreach (var entry in loaded)
            {
                view.Apply(entry);
            }

            // What this instance enforces and Redis no longer holds, so an instance started later learns it too.
            var inRedis = loaded.ToHashSet();
            var restored = await store.WriteAllAsync(view.Entries().Where(entry => !inRedis.Contains(entry)));
            if (state.MarkInSync(generation))
            {
                RevocationLog.InSync(logger, loaded.Count, written, restored);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong, the loop must live on to retry: it is what brings the view back in sync. Only Redis's
            // own error replies (NOPERM, ...) are quoted; other messages can carry keys and command details.
            var reason = ex is RedisServerException ? $"{ex.GetType().Name}: {ex.Message}" : ex.GetType().Name;
            if (reason != _lastFailure)
            {
                RevocationLog.SyncFailed(logger, reason);
            }

            _lastFailure = reason;
            LoseSync(ex.GetType().Name);
            return;
        }

        _lastFailure = null;
    }

    /// <summary>Writes the queued entries in order; a failure throws and leaves the failed entry first in the queue.</summary>
    /// <returns>How many were written.</returns>
    private async Task<int> WritePendingAsync()
    {
        var written = 0;
        while (pending.TryPeek(out var entry))
        {
            await store.WriteAsync(entry);
            pending.RemoveWritten();
            written++;
        }

        return written;
    }

    private void OnMessage(RedisValue message)
    {
        if (RedisKeys.FromMessage(message) is { } entry)
        {
            view.Apply(entry);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs failure) => LoseSync(
        $"{failure.ConnectionType} connection to {EndPointCollection.ToString(failure.EndPoint)}: {failure.FailureType}");

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs restored) => _wake.Writer.TryWrite(true);

    private void LoseSync(string reason)
    {
        if (state.MarkOutOfSync(reason))
        {
            RevocationLog.Lost(logger, reason);
        }
    }

    private async Task WaitForWakeAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(RetryInterval);
        try
        {
            await _wake.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // The interval passed, or the host is stopping: the loop condition tells which.
        }
    }
}
