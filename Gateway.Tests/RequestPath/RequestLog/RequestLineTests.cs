using System.Globalization;
using Gateway.RequestPath.RequestLog;
using Gateway.Telemetry.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Gateway.Tests.RequestPath.RequestLog;

public sealed class RequestLineTests
{
    private static readonly MessageTemplateTextFormatter Template = new(BatchedConsoleSink.OutputTemplate);

    [Theory]
    [InlineData(false, LogEventLevel.Information, 200, 0.3456, "user-1")]
    [InlineData(true, LogEventLevel.Error, 502, 1234.56, null)]
    [InlineData(true, LogEventLevel.Information, 401, 0.04, "Zoë \\x0D\\x0A")]
    public void TryWrite_RequestEvent_WritesWhatTheOutputTemplateWrites(bool commaCulture, LogEventLevel level, int status, double elapsed, string? user)
    {
        var previous = CultureInfo.CurrentCulture;
        // The tests run with invariant globalization: a culture of our own writes "0,3" and "16.05.09" where it can.
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        if (commaCulture)
        {
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.DateTimeFormat.TimeSeparator = ".";
        }

        CultureInfo.CurrentCulture = culture;
        try
        {
            var logEvent = RequestEvent(level, status, elapsed, user);

            Assert.Equal(Formatted(logEvent), Written(logEvent));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TryWrite_OtherEvent_WritesNothing()
    {
        var logEvent = new LogEvent(DateTimeOffset.Now, LogEventLevel.Information, null,
            new Serilog.Parsing.MessageTemplateParser().Parse("Hello {Name}"), [new LogEventProperty("Name", new ScalarValue("x"))]);
        using var output = new StringWriter();

        Assert.False(RequestLine.TryWrite(logEvent, output));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void TryWrite_RequestEventWithAMissingProperty_LeavesItToTheTemplate()
    {
        var logEvent = RequestEvent(LogEventLevel.Information, 200, 1, "u");
        logEvent.RemovePropertyIfPresent("RouteId");
        using var output = new StringWriter();

        Assert.False(RequestLine.TryWrite(logEvent, output));
        Assert.Equal("", output.ToString());
    }

    private static LogEvent RequestEvent(LogEventLevel level, int status, double elapsed, string? user) =>
        new(new DateTimeOffset(2026, 12, 1, 16, 5, 9, TimeSpan.FromHours(1)), level, null, RequestLogging.Template,
        [
            new LogEventProperty("RouteId", new ScalarValue("app")),
            new LogEventProperty("UserId", new ScalarValue(user ?? "-")),
            new LogEventProperty("ClientAddress", new ScalarValue("2001:db8::1")),
            new LogEventProperty("TraceId", new ScalarValue("4bf92f3577b34da6a3ce929d0e0e4736")),
            new LogEventProperty("RequestMethod", new ScalarValue("GET")),
            new LogEventProperty("RequestPath", new ScalarValue("/bench/ping")),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            new LogEventProperty("SourceContext", new ScalarValue(RequestLogging.SourceContext)),
        ]);

    private static string Formatted(LogEvent logEvent)
    {
        using var output = new StringWriter();
        Template.Format(logEvent, output);
        return output.ToString();
    }

    private static string Written(LogEvent logEvent)
    {
        using var output = new StringWriter();
        Assert.True(RequestLine.TryWrite(logEvent, output));
        return output.ToString();
    }
}
