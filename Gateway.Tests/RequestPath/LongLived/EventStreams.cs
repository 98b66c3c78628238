using System.Net;
using System.Net.Http.Headers;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.RequestPath.LongLived;

/// <summary>What a script's (or a browser's EventSource's) event stream through the gateway looks like.</summary>
internal static class EventStreams
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>GET /events with the Bearer token, answered 200 and its first event read.</summary>
    public static async Task<(HttpResponseMessage Response, Stream Body, string FirstEvent)> OpenAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, StreamingBackend.EventsPath);
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var timeout = new CancellationTokenSource(Deadline);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var buffer = new byte[256];
        var read = await body.ReadAsync(buffer, timeout.Token);
        return (response, body, System.Text.Encoding.UTF8.GetString(buffer, 0, read).TrimEnd('\n'));
    }

    /// <summary>Waits, up to a deadline, until the stream ends: its end reached, or the connection dropped.</summary>
    public static async Task EndedAsync(Stream body, string why)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[256];
        try
        {
            while (await body.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // The gateway aborted the request: the connection dropped mid-response.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"The event stream was still open {Deadline.TotalSeconds:0} s after {why}.");
        }
    }
}
