using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Revocation;

/// <summary>
/// Keeps the local view current from Redis: subscribes to revocation messages, loads every key at start-up and after each
/// reconnect, writes what was queued while Redis was away, and writes back what Redis lost (a restart without
/// persistence, a flush). Requests never wait on Redis; a logout waits for one write.
/// </summary>
internal sealed class RedisRevocationSync(
    IOptions<RedisOptions> options,
    InMemoryTokenRevocation view,
    RedisRevocationStore store,
    RedisKeys keys,
    PendingRevocations pending,
    RedisSyncState state,
    ILogger<RedisRevocationSync> logger) : BackgroundService
{
    // How soon the loop looks again while out of sync or with writes queued; a reconnect or a queued write wakes it at once.
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private ConnectionMultiplexer? _redis;
    private bool _subscribed;
    private string? _lastFailure;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration!);

        // Start, and keep running, without Redis: the multiplexer reconnects in the background.
        configuration.AbortOnConnectFail = false;

        // While disconnected a command fails at once instead of waiting in a backlog, so a logout is queued, not delayed.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "auth-gateway";
        var endPoints = string.Join(", ", configuration.EndPoints.Select(EndPointCollection.ToString));
        RevocationLog.Connecting(logger, endPoints, options.Value.KeyPrefix);

        _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        _redis.ConnectionFailed += (_, failure) => LoseSync(
            $"{failure.ConnectionType} connection to {EndPointCollection.ToString(failure.EndPoint)}: {failure.FailureType}");
        _redis.ConnectionRestored += (_, _) => Wake();

        // The first load runs before the host serves requests, so a new instance enforces earlier logouts from its first request.
        await SyncAsync();
        if (!state.InSync)
        {
            RevocationLog.UnavailableAtStart(logger, state.Read().Reason);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Writes the entry to Redis, or queues it when Redis cannot take it now. The caller has enforced it locally.</summary>
    public async Task WriteAsync(RevocationEntry entry)
    {
        var reason = "no connection";
        if (_redis is { IsConnected: true } redis)
        {
            try
            {
                await store.WriteAsync(redis.GetDatabase(), entry);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                reason = ex.GetType().Name;
            }
        }

        pending.Add(entry);
        RevocationLog.Queued(logger, reason, pending.Count);
        Wake();
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
        if (_redis is null)
        {
            return;
        }

        if (_redis.IsConnected)
        {
            try
            {
                await store.WritePendingAsync(_redis.GetDatabase(), pending);
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

        await _redis.CloseAsync(allowCommandsToComplete: true);
    }

    public override void Dispose()
    {
        _redis?.Dispose();
        base.Dispose();
    }

    private async Task SyncAsync()
    {
        if (_redis is not { } redis)
        {
            return;
        }

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

            var database = redis.GetDatabase();
            var written = await store.WritePendingAsync(database, pending);
            if (state.InSync)
            {
                return;
            }

            // Answered after any re-subscription queued on that connection: nothing published from here on is missed.
            await subscriber.PingAsync();
            var loaded = await store.LoadAllAsync(redis);
            foreach (var entry in loaded)
            {
                view.Apply(entry);
            }

            var restored = await store.RestoreAsync(database, view.Entries(), loaded);
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

    private void OnMessage(RedisValue message)
    {
        if (RedisKeys.FromMessage(message) is { } entry)
        {
            view.Apply(entry);
        }
    }

    private void LoseSync(string reason)
    {
        if (state.MarkOutOfSync(reason))
        {
            RevocationLog.Lost(logger, reason);
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

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
