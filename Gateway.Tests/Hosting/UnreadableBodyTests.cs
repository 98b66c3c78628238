using System.Globalization;
using System.Text;
using Gateway.Tests.Infrastructure;
using Serilog.Events;

namespace Gateway.Tests.Hosting;

/// <summary>
/// Bodies that cannot be read (bad UTF-8, lone surrogates, cut short, too slow) are the client's fault: a 4xx, at most
/// one warning line, no stack trace in the log and nothing written. Over raw sockets, since HttpClient sends none of them.
/// </summary>
public sealed class UnreadableBodyTests : IAsyncLifetime
{
    private readonly GatewayLog _log = GatewayLog.Create();
    private SampleBackendServer _backend = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await SampleBackendServer.StartAsync();
        _gateway = await GatewayServer.StartAsync(_backend.Address, settings:
        [
            .. _log.Settings,
            // Information, for the line logged when a request is done: the event a test waits for.
            ("Serilog:MinimumLevel:Default", "Information"),
            // A body slower than 100 bytes/s after 2 s is given up on (Kestrel's default: 240 bytes/s after 5 s; the grace
            // period must exceed Kestrel's 1 s heartbeat).
            ("Kestrel:Limits:MinRequestBodyDataRate:BytesPerSecond", "100"),
            ("Kestrel:Limits:MinRequestBodyDataRate:GracePeriod", "00:00:02"),
        ]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    public static TheoryData<string, byte[]> BadTextInJson => new()
    {
        // 0xFF never occurs in UTF-8; C3 28 is a lead byte followed by a non-continuation byte.
        { "/auth/login", [.. "{\"username\": \"a"u8, 0xFF, .. "\", \"password\": \"correct horse battery\"}"u8] },
        { "/auth/register", [.. "{\"username\": \"a"u8, 0xC3, 0x28, .. "\", \"password\": \"correct horse battery\"}"u8] },
        { "/auth/register", [.. "{\"user"u8, 0xFF, .. "name\": \"abc\", \"password\": \"correct horse battery\"}"u8] },
        // An escaped high surrogate with no low surrogate after it: valid JSON, not a string .NET can hold.
        { "/auth/login", "{\"username\": \"\\ud800\", \"password\": \"correct horse battery\"}"u8.ToArray() },
        { "/auth/register", "{\"username\": \"abc\\udc00def\", \"password\": \"correct horse battery\"}"u8.ToArray() },
        { "/auth/register", "{\"\\ud800\": \"abc\", \"password\": \"correct horse battery\"}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadTextInJson))]
    public async Task Post_JsonWithInvalidUtf8OrLoneSurrogate_Returns400WithoutStackTrace(string path, byte[] body)
    {
        var mark = _log.Count;

        var response = await RawHttp.SendAsync(_gateway.Address, "POST", path, body, BodyEnd.WaitForAnswer,
            "Content-Type: application/json", $"Content-Length: {body.Length}");

        Assert.Equal(400, response!.StatusCode);
        Assert.Contains("\"invalid_json\"", response.Body, StringComparison.Ordinal);
        AssertNoErrorLogged(mark);
    }

    [Theory]
    [InlineData(BodyEnd.HalfClose, "application/json")]
    [InlineData(BodyEnd.HalfClose, "application/x-www-form-urlencoded")]
    [InlineData(BodyEnd.Close, "application/json")]
    [InlineData(BodyEnd.Close, "application/x-www-form-urlencoded")]
    public async Task Register_BodyShorterThanContentLength_IsAClientErrorAndCreatesNoUser(BodyEnd end, string contentType)
    {
        var username = TestUsers.UniqueName("cut");
        var body = Encoding.UTF8.GetBytes(contentType == "application/json"
            ? $"{{\"username\": \"{username}\", \"password\": \"{TestUsers.Password}\"}}"
            : $"username={username}&password={Uri.EscapeDataString(TestUsers.Password)}");
        var mark = _log.Count;

        // Announces the whole body and sends all of it but the last byte: the JSON is unfinished, the form looks complete.
        var response = await RawHttp.SendAsync(_gateway.Address, "POST", "/auth/register", body[..^1], end,
            $"Content-Type: {contentType}", $"Content-Length: {body.Length}");

        // Kestrel takes a FIN for the client leaving: it may stop the request (499) rather than let it answer 400.
        var status = await LoggedStatusAsync(mark, "POST /auth/register");
        Assert.True(status is 400 or 499, $"Logged {status}:\n{_log.TextSince(mark)}");
        if (response is not null)
        {
            Assert.Equal(400, response.StatusCode);
            Assert.Contains("\"bad_request\"", response.Body, StringComparison.Ordinal);
        }

        Assert.True(Warnings(mark).Count <= 1, $"Expected at most one warning:\n{_log.TextSince(mark)}");
        AssertNoErrorLogged(mark);
        Assert.Equal(0, UserDatabase.CountByUsername(_gateway.DataPath, username));
    }

    [Fact]
    public async Task Register_MalformedChunkedBody_Returns400WithOneWarningNamingThePath()
    {
        // Kestrel's BadHttpRequestException with the connection still open, so the answer can be read: a chunk whose
        // size line is not hexadecimal (RFC 9112 section 7.1).
        var mark = _log.Count;

        var response = await RawHttp.SendAsync(_gateway.Address, "POST", "/auth/register", "5\r\n{\"use\r\nzz\r\n"u8.ToArray(),
            BodyEnd.WaitForAnswer, "Content-Type: application/json", "Transfer-Encoding: chunked");

        Assert.Equal(400, response!.StatusCode);
        Assert.Contains("\"bad_request\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("/auth/register", await OneWarningAsync(mark), StringComparison.Ordinal);
        AssertNoErrorLogged(mark);
    }

    [Fact]
    public async Task Login_BodySlowerThanMinimumDataRate_Returns408WithoutStackTrace()
    {
        var mark = _log.Count;

        // Ten bytes of a 60-byte body, then nothing: the wait is for the server to give up, which it must.
        var response = await RawHttp.SendAsync(_gateway.Address, "POST", "/auth/login", "{\"username\""u8.ToArray(),
            BodyEnd.WaitForAnswer, "Content-Type: application/json", "Content-Length: 60");

        Assert.Equal(408, response!.StatusCode);
        Assert.Contains("\"request_timeout\"", response.Body, StringComparison.Ordinal);
        await OneWarningAsync(mark);
        AssertNoErrorLogged(mark);
    }

    [Fact]
    public async Task Proxy_BodyShorterThanContentLength_IsNotA500()
    {
        // Not the gateway's own endpoints: YARP reads this body to forward it.
        var mark = _log.Count;

        await RawHttp.SendAsync(_gateway.Address, "POST", "/public/upload", "{\"a\""u8.ToArray(), BodyEnd.Close,
            "Content-Type: application/json", "Content-Length: 60");

        Assert.InRange(await LoggedStatusAsync(mark, "POST /public/upload"), 400, 499);
        AssertNoErrorLogged(mark);
    }

    /// <summary>The status of the request line the gateway logs once it is done with a request.</summary>
    private async Task<int> LoggedStatusAsync(int mark, string methodAndPath)
    {
        string? line = null;
        await Eventually.TrueAsync(() =>
        {
            line = _log.Since(mark).Select(e => GatewayLog.Message(e))
                .FirstOrDefault(m => m.StartsWith($"HTTP {methodAndPath} responded ", StringComparison.Ordinal));
            return Task.FromResult(line is not null);
        }, TimeSpan.FromSeconds(20), $"the gateway logs the request line of {methodAndPath}");
        return int.Parse(line!.Split(' ')[4], CultureInfo.InvariantCulture);
    }

    private async Task<string> OneWarningAsync(int mark)
    {
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(Warnings(mark).Count > 0), TimeSpan.FromSeconds(20),
                "the gateway logs a warning about the request");
        }
        catch (Xunit.Sdk.FailException timedOut)
        {
            Assert.Fail($"{timedOut.Message} It logged:\n{_log.TextSince(mark)}");
        }

        var warnings = Warnings(mark);
        Assert.True(warnings.Count == 1, $"Expected one warning:\n{_log.TextSince(mark)}");
        return GatewayLog.Message(warnings[0]);
    }

    private List<LogEvent> Warnings(int mark) => _log.Since(mark).Where(e => e.Level == LogEventLevel.Warning).ToList();

    private void AssertNoErrorLogged(int mark)
    {
        var events = _log.Since(mark);
        Assert.False(events.Any(e => e.Exception is not null || e.Level >= LogEventLevel.Error),
            $"Expected no error and no stack trace in the log:\n{_log.TextSince(mark)}");
    }
}
