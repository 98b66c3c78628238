using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 written by hand over a socket. HttpClient and System.Uri tidy requests up (dot segments resolved,
/// header names validated, repeated headers folded), which is exactly what these tests must not have happen.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <param name="headers">Header lines as sent, e.g. "X_User_Id: 1". Host and "Connection: close" are added unless given.</param>
    public static async Task<RawResponse> SendAsync(Uri server, string method, string target, params string[] headers) =>
        (await SendAsync(server, method, target, body: [], BodyEnd.WaitForAnswer, headers))!;

    /// <summary>
    /// The head, then exactly these body bytes, whatever Content-Length says; then ends the way a test needs.
    /// </summary>
    /// <returns>
    /// The answer; null when the client closed without reading one, or half-closed and the server, which takes that
    /// for the client leaving, closed (or reset) the connection without answering.
    /// </returns>
    public static async Task<RawResponse?> SendAsync(
        Uri server, string method, string target, byte[] body, BodyEnd end, params string[] headers)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(Head(server, method, target, headers)), timeout.Token);
        await stream.WriteAsync(body, timeout.Token);

        switch (end)
        {
            case BodyEnd.Close:
                return null;
            case BodyEnd.HalfClose:
                client.Client.Shutdown(SocketShutdown.Send);
                break;
        }

        // Every request asks the server to close, so the response ends where the stream does.
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException ex) when (end is BodyEnd.HalfClose && ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // Kestrel, taking the FIN for the client leaving, may abort the connection (a reset) rather than close it:
            // the same "no answer" as a close, unless part of an answer came first.
        }

        return end is BodyEnd.HalfClose && received.Length == 0 ? null : RawResponse.Parse(received.ToArray());
    }

    private static string Head(Uri server, string method, string target, string[] headers)
    {
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\n");
        if (!headers.Any(h => h.StartsWith("Host:", StringComparison.OrdinalIgnoreCase)))
        {
            request.Append(CultureInfo.InvariantCulture, $"Host: {server.Authority}\r\n");
        }

        if (!headers.Any(h => h.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)))
        {
            request.Append("Connection: close\r\n");
        }

        foreach (var header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        return request.Append("\r\n").ToString();
    }
}

/// <summary>What the client does once it has sent the body bytes it was given.</summary>
public enum BodyEnd
{
    /// <summary>Nothing more: it waits for the server's answer, however long the server takes to give one.</summary>
    WaitForAnswer,

    /// <summary>Shuts down its sending side (TCP FIN), then reads the answer.</summary>
    HalfClose,

    /// <summary>Closes the connection without reading anything.</summary>
    Close,
}

internal sealed record RawResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public static RawResponse Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headerEnd > 0, $"Not an HTTP response: {text}");

        var lines = text[..headerEnd].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0].Trim(), parts[1].Trim()))
            .ToList();

        var body = bytes.AsSpan(headerEnd + 4).ToArray();
        var chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        return new RawResponse(status, headers, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8) + position;
            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd - position).Split(';')[0];
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
