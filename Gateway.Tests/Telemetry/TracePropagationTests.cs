using System.Text;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Telemetry;

/// <summary>The trace id the gateway logs is the one the backend receives in traceparent, and the one exported over OTLP.</summary>
public sealed class TracePropagationTests
{
    [Fact]
    public async Task Proxy_TracingOff_BackendGetsTheTraceIdTheGatewayLogged()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        var log = GatewayLog.Create();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, [.. log.Settings, ("Serilog:MinimumLevel:Default", "Information")]);
        using var client = gateway.CreateClient();
        var mark = log.Count;

        var echoed = await EchoedRequest.ReadAsync(
            await client.SendAsync(Requests.Get("/api/whoami").WithBearer(TestTokens.Valid("trace-user"))));

        var traceId = TraceIdOf(echoed);
        Assert.Equal(traceId, await LoggedTraceIdAsync(log, mark, "/api/whoami"));
    }

    [Fact]
    public async Task Proxy_OtlpEndpointSet_ExportsTheRequestSpanWithTheBackendsTraceIdAndNoSecret()
    {
        await using var receiver = await FakeOtlpReceiver.StartAsync();
        await using var backend = await SampleBackendServer.StartAsync();
        var log = GatewayLog.Create();
        var token = TestTokens.Valid("trace-user");
        string traceId;
        await using (var gateway = await GatewayServer.StartAsync(backend.Address,
        [
            .. log.Settings,
            ("Serilog:MinimumLevel:Default", "Information"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Address.ToString().TrimEnd('/')),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ]))
        {
            using var client = gateway.CreateClientWithoutCookieJar();
            var mark = log.Count;
            var echoed = await EchoedRequest.ReadAsync(await client.SendAsync(Requests.Get("/api/whoami?returnUrl=%2Fhome")
                .WithBearer(token).WithHeader("Cookie", "gateway_token=" + token)));
            traceId = TraceIdOf(echoed);
            Assert.Equal(traceId, await LoggedTraceIdAsync(log, mark, "/api/whoami"));
            Assert.Contains(log.Since(0).Select(GatewayLog.Message),
                line => line == $"Traces exported over OTLP to http://{receiver.Address.Authority}");
        }

        // Stopping the gateway flushed its batch of spans.
        var exported = receiver.TraceExports.ToArray();
        Assert.NotEmpty(exported);
        var all = exported.SelectMany(b => b).ToArray();
        Assert.True(all.AsSpan().IndexOf(Convert.FromHexString(traceId)) >= 0, "No exported span carries the trace id the backend received.");
        // The server span, the auth decision on it, and YARP's client span.
        Assert.Contains("gateway.auth.decision", Encoding.UTF8.GetString(all), StringComparison.Ordinal);
        Assert.True(all.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token.Split('.')[2])) < 0, "A token reached an exported span.");
    }

    /// <summary>The trace id of the W3C traceparent header the backend received: version-traceid-parentid-flags.</summary>
    private static string TraceIdOf(EchoedRequest echoed)
    {
        var traceparent = echoed.Header("traceparent");
        Assert.False(string.IsNullOrEmpty(traceparent), "The backend received no traceparent header.");
        var parts = traceparent.Split('-');
        Assert.Equal(4, parts.Length);
        return parts[1];
    }

    private static async Task<string> LoggedTraceIdAsync(GatewayLog log, int mark, string path)
    {
        string? line = null;
        await Eventually.TrueAsync(() =>
        {
            line = log.Since(mark).Select(GatewayLog.Message)
                .FirstOrDefault(m => m.StartsWith($"HTTP GET {path} responded ", StringComparison.Ordinal));
            return Task.FromResult(line is not null);
        }, TimeSpan.FromSeconds(20), $"the gateway logs the request line of {path}");
        var match = System.Text.RegularExpressions.Regex.Match(line!, " trace ([0-9a-f]{32})$");
        Assert.True(match.Success, $"No trace id in the request line: {line}");
        return match.Groups[1].Value;
    }
}
