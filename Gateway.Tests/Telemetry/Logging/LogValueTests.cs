using Gateway.Telemetry.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Gateway.Tests.Telemetry.Logging;

public sealed class LogValueTests
{
    [Theory]
    [InlineData("/public/\r\n[12:00:00 INF] x", @"/public/\x0D\x0A[12:00:00 INF] x")]
    [InlineData("a\tb\0c\u001b[31m", @"a\x09b\x00c\x1B[31m")]
    [InlineData(@"C:\x0D", @"C:\x5Cx0D")]
    [InlineData("del\u007f nel\u0085", @"del\x7F nel\x85")]
    [InlineData("line\u2028sep \u202Eevil", @"line\u2028sep \u202Eevil")]
    public void Escape_ControlCharacters_BecomeHexEscapes(string value, string expected) =>
        Assert.Equal(expected, LogValue.Escape(value));

    [Theory]
    [InlineData("/api/whoami")]
    [InlineData("Zoë Ölund 名前")]
    [InlineData("")]
    public void Escape_NothingToEscape_ReturnsTheSameInstance(string value) =>
        Assert.Same(value, LogValue.Escape(value));

    [Fact]
    public void Enricher_TextProperty_IsEscapedOthersUntouched()
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("{Path} {Status}"),
            [new LogEventProperty("Path", new ScalarValue("/a\r\nb")), new LogEventProperty("Status", new ScalarValue(200))]);

        new LogValueEscaping().Enrich(logEvent, null!);

        Assert.Equal(@"/a\x0D\x0Ab", ((ScalarValue)logEvent.Properties["Path"]).Value);
        Assert.Equal(200, ((ScalarValue)logEvent.Properties["Status"]).Value);
    }
}
