using Serilog.Core;
using Serilog.Events;

namespace Gateway.Logging;

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
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && LogValue.Escape(text) is var safe && !ReferenceEquals(safe, text))
            {
                (escaped ??= []).Add(new LogEventProperty(name, new ScalarValue(safe)));
            }
        }

        // Replaced after the loop: the properties cannot change while they are being read.
        foreach (var property in escaped ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }
}
