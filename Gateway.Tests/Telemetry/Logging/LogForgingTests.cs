using System.Net.Http.Json;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Telemetry.Logging;

/// <summary>
/// A client's CR LF must not start a line of its own in the log, or "[12:00:00 INF] Login succeeded for admin" could be
/// planted between real lines. Read from the real process's standard output, as an operator reads it.
/// </summary>
public sealed class LogForgingTests
{
    private const string Forged = "[12:00:00 INF] Login succeeded for admin";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PathAndUsername_WithCrLf_StayOnOneLineEscaped()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayProcess.StartProductionAsync(TempFolder.Create("log-forging"), backend.Address);
        var address = await gateway.ListeningAddressAsync(StartDeadline);

        // Kestrel decodes %0D%0A into a real CR LF in the path.
        var page = await RawHttp.SendAsync(address, "GET", "/public/%0D%0A%5B12:00:00%20INF%5D%20Login%20succeeded%20for%20admin");
        using var client = new HttpClient { BaseAddress = address };
        using var login = await client.PostAsJsonAsync("/auth/login", new { username = "eve\r\n" + Forged, password = "wrong password" });
        Assert.Equal(200, page.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(0, await gateway.TerminateAsync());

        var lines = gateway.Output.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.DoesNotContain(lines, line => line.StartsWith(Forged, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(@"HTTP GET /public/\x0D\x0A" + Forged + " responded 200", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(@"Login failed for eve\x0D\x0A" + Forged, StringComparison.Ordinal));
    }
}
