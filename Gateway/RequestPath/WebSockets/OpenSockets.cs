using System.Collections.Concurrent;

namespace Gateway.RequestPath.WebSockets;

/// <summary>The proxied upgrades of signed-in users currently open on this instance.</summary>
internal sealed class OpenSockets
{
    private readonly ConcurrentDictionary<long, OpenSocket> _open = new();
    private long _nextId;

    public int Count => _open.Count;

    /// <returns>Removes the socket again when disposed.</returns>
    public IDisposable Add(OpenSocket socket)
    {
        var id = Interlocked.Increment(ref _nextId);
        _open[id] = socket;
        return new Registration(this, id, socket);
    }

    public IEnumerable<OpenSocket> All => _open.Values;

    private sealed class Registration(OpenSockets owner, long id, OpenSocket socket) : IDisposable
    {
        public void Dispose()
        {
            socket.End();
            owner._open.TryRemove(id, out _);
        }
    }
}
