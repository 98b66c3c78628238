using System.Net.WebSockets;
using System.Text;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.LongLived;

/// <summary>What a browser or a script does with the sample backend's /ws/echo through the gateway.</summary>
internal static class Sockets
{
    public const string EchoPath = "/ws/echo";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>A client for <paramref name="gateway"/>'s /ws/echo, sending the headers given; not connected yet.</summary>
    public static ClientWebSocket Client(params (string Name, string Value)[] headers)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        return socket;
    }

    public static Uri EchoUri(GatewayServer gateway) => new UriBuilder(gateway.Address) { Scheme = "ws", Path = EchoPath }.Uri;

    /// <summary>Connected with the Bearer token, the backend's greeting read.</summary>
    public static async Task<(ClientWebSocket Socket, string Greeting)> OpenAsync(GatewayServer gateway, string token)
    {
        var socket = Client(("Authorization", $"Bearer {token}"));
        using var timeout = new CancellationTokenSource(Deadline);
        await socket.ConnectAsync(EchoUri(gateway), timeout.Token);
        return (socket, await ReceiveAsync(socket));
    }

    public static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }

    /// <summary>Sends <paramref name="text"/> and returns what came back.</summary>
    public static async Task<string> RoundTripAsync(ClientWebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        return await ReceiveAsync(socket);
    }

    /// <summary>Waits, up to a deadline, until the socket ends: a close frame or the connection dropped.</summary>
    public static async Task ClosedAsync(ClientWebSocket socket, string why)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (WebSocketException)
        {
            // The gateway aborted the tunnel: the connection dropped without a close frame.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"The socket was still open {Deadline.TotalSeconds:0} s after {why}.");
        }
    }
}
