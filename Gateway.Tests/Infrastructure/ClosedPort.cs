using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Infrastructure;

internal static class ClosedPort
{
    /// <summary>An address nothing listens on: a port the OS just handed out and took back.</summary>
    public static Uri Address() => new($"http://127.0.0.1:{FreePort()}/");

    /// <summary>A free loopback port for a server a test starts: one the OS just handed out and took back.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
