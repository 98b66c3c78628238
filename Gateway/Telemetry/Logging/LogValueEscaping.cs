using Serilog.Core;
using Serilog.Events;

namespace Gateway.Telemetry.Logging;

/// <summary>
/// Applies <see cref="LogValue.Escape"/> to every text property of every event, whoever logged it (the request line's
/// path, a username that failed to sign in, a framework warning), so no call site can forget it. An enricher rather
/// than the console sink, so sinks an operator adds through the Serilog section get escaped values too.
/// </summary>
internal sealed class LogValueEscaping : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? escaped = null;
        // Serilog keeps the properties in a Dictionary: enumerated as one, nothing is boxed on every event.
        if (logEvent.Properties is Dictionary<string, LogEventPropertyValue> properties)
        {
            foreach (var (name, value) in properties)
            {
                Collect(name, value, ref escaped);
            }
        }
        else
        {
            foreach (var (name, value) in logEvent.Properties)
            {
                Collect(name, value, ref escaped);
            }
        }

        // Replaced after the loop: the properties cannot change while they are being read.
        foreach (var property in escaped ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    private static void Collect(string name, LogEventPropertyValue value, ref List<LogEventProperty>? escaped)
    {
        if (value is ScalarValue { Value: string text } && LogValue.Escape(text) is var safe && !ReferenceEquals(safe, text))
        {
            (escaped ??= []).Add(new LogEventProperty(name, new ScalarValue(safe)));
        }
    }
}
