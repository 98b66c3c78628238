using System.Globalization;
using Serilog.Events;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace Gateway.RequestPath.RequestLog;

/// <summary>
/// Writes a <see cref="RequestLogging"/> event as <see cref="BatchedConsoleSink.OutputTemplate"/> would, character for
/// character, without going through the output template: the request line is most of what the gateway logs, and
/// this is the console sink's hot loop. Any other event, or one that does not have the expected shape, is left to the
/// template formatter.
/// </summary>
internal static class RequestLine
{
    // What {Message:lj} renders an unformatted non-string value with.
    private static readonly JsonValueFormatter Json = new("$type");

    public static bool TryWrite(LogEvent logEvent, TextWriter output)
    {
        if (!ReferenceEquals(logEvent.MessageTemplate, RequestLogging.Template) || logEvent.Exception is not null
            || Level(logEvent.Level) is not { } level)
        {
            return false;
        }

        // Checked before anything is written, so a fallback never follows half a line.
        var properties = logEvent.Properties;
        foreach (var token in RequestLogging.Template.Tokens)
        {
            if (token is PropertyToken property && (!properties.TryGetValue(property.PropertyName, out var value) || value is not ScalarValue))
            {
                return false;
            }
        }

        Span<char> time = stackalloc char[8];
        logEvent.Timestamp.TryFormat(time, out var written, "HH:mm:ss", CultureInfo.InvariantCulture);
        output.Write('[');
        output.Write(time[..written]);
        output.Write(' ');
        output.Write(level);
        output.Write("] ");
        foreach (var token in RequestLogging.Template.Tokens)
        {
            if (token is TextToken text)
            {
                output.Write(text.Text);
                continue;
            }

            var property = (PropertyToken)token;
            var value = (ScalarValue)properties[property.PropertyName];
            // {Message:lj}: strings as they are, without quotes; other values as JSON, or rendered with the token's format.
            if (value.Value is string literal)
            {
                output.Write(literal);
            }
            else if (property.Format is null)
            {
                Json.Format(value, output);
            }
            else
            {
                value.Render(output, property.Format);
            }
        }

        output.WriteLine();
        return true;
    }

    // {Level:u3}.
    private static string? Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Information => "INF",
        LogEventLevel.Error => "ERR",
        _ => null,
    };
}
