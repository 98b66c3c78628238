using System.Net;

using Gateway.Tests.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>
/// A backend outage answers every request 502; the log says why once per interval, in one line without a stack trace,
/// instead of a warning with the exception's stack for every request (which, under load, piled up in the log queue).
/// </summary>
public sealed class BackendFailureLogTests : IAsyncLifetime
{
    private readonly GatewayLog _log = GatewayLog.Create();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await GatewayServer.StartAsync(ClosedPort.Address(), _log.Settings, clock: _clock);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task BackendDown_ManyRequests_OneWarningWithoutStackTrace()
    {
        using var client = _gateway.CreateClient();
        var mark = _log.Count;

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(Requests.Get("/public/page").AsApi());
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }

        var warnings = Warnings(mark);
        Assert.All(warnings, e => Assert.Null(e.Exception));
        var cause = Assert.Single(warnings);
        Assert.Contains("Connection refused", GatewayLog.Message(cause), StringComparison.Ordinal);
        Assert.Contains("backend", GatewayLog.Message(cause), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackendDown_AfterTheInterval_LogsAgainWithHowManyWentUnlogged()
    {
        using var client = _gateway.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SendAsync(Requests.Get("/public/page").AsApi());
        }

        var mark = _log.Count;
        _clock.Advance(TimeSpan.FromSeconds(11));
        using (await client.SendAsync(Requests.Get("/public/page").AsApi()))
        {
        }

        var again = Assert.Single(Warnings(mark));
        Assert.Contains("Connection refused", GatewayLog.Message(again), StringComparison.Ordinal);
        Assert.Contains("3 more", GatewayLog.Message(again), StringComparison.Ordinal);
    }

    // The request log line of a 502 is an error of its own; these are the other warnings and errors.
    private List<LogEvent> Warnings(int mark) =>
        [.. _log.Since(mark).Where(e => e.Level >= LogEventLevel.Warning && !GatewayLog.Message(e).StartsWith("HTTP ", StringComparison.Ordinal))];
}
