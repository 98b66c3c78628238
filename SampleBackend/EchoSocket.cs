using System.Net.WebSockets;
using System.Text;

namespace SampleBackend;

/// <summary>
/// <c>/ws/echo</c>: greets with the X-User-Id the gateway sent on the upgrade ("hello USER-ID", "hello stranger"
/// without one), then sends every message back as it came.
/// </summary>
internal static class EchoSocket
{
    public static async Task RunAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "websocket";
            await context.Response.WriteAsync("This address speaks WebSocket only.");
            return;
        }

        var id = context.Request.Headers["X-User-Id"].ToString();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var greeting = Encoding.UTF8.GetBytes(id.Length == 0 ? "hello stranger" : $"hello {id}");
        var aborted = context.RequestAborted;
        try
        {
            await socket.SendAsync(greeting, WebSocketMessageType.Text, endOfMessage: true, aborted);
            var buffer = new byte[4096];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, aborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client or the gateway went away without a close handshake.
        }
    }
}
