using System.Threading.Channels;

using Gateway.Revocation;

namespace Gateway.RequestPath.LongLived;

/// <summary>
/// Ends the open WebSockets and event streams whose session was logged out or revoked. Every revocation, this instance's own or one learnt
/// from Redis, passes through the local view, which wakes this loop; bursts (a full reload after a reconnect) are folded
/// into one scan of the open connections, each an O(1) check of the view. Aborting the request is the only way to end a
/// tunnel YARP copies as opaque bytes: a close frame written beside it could land inside a frame the backend is
/// sending, so the client sees the connection drop rather than a close handshake (RFC 6455 section 7.1.7). An event
/// stream is aborted the same way, mid-event or not: a browser's EventSource then reconnects, and is refused.
/// </summary>
internal sealed class RevokedConnectionCloser(
    InMemoryTokenRevocation view, ITokenRevocation revocation, OpenConnections connections, ILogger<RevokedConnectionCloser> logger)
    : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        view.Applied += Wake;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        view.Applied -= Wake;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stoppingToken))
            {
                _wake.Reader.TryRead(out _);
                CloseRevoked();
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    internal void CloseRevoked()
    {
        foreach (var connection in connections.All)
        {
            if (revocation.IsRevoked(connection.TokenId, connection.SessionId, connection.UserId, connection.AuthenticatedAt)
                && connection.TryAbort())
            {
                LongLivedLog.ClosedRevoked(logger, connection.Kind, connection.Path, connection.UserId);
            }
        }
    }

    // Called on the thread that applied the revocation (a logout's request, Redis's message handler): only a signal.
    private void Wake()
    {
        if (connections.Count > 0)
        {
            _wake.Writer.TryWrite(true);
        }
    }
}
