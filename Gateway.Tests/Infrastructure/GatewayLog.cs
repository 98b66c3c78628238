using System.Collections.Concurrent;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// What an in-process gateway logs, captured through its own Serilog configuration (Serilog:WriteTo), so a test sees
/// exactly the events the console would get, synchronously, with their levels and exceptions.
/// </summary>
public sealed class GatewayLog : ILogEventSink
{
    private static readonly ConcurrentDictionary<string, GatewayLog> Open = new();
    private static readonly MessageTemplateTextFormatter MessageOnly = new("{Message:lj}");

    private readonly List<LogEvent> _events = [];

    private GatewayLog(string id) => Id = id;

    public string Id { get; }

    /// <summary>Settings for <see cref="GatewayServer.StartAsync"/> that add this capture as a Serilog sink.</summary>
    public IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Serilog:Using:capture", typeof(GatewayLog).Assembly.GetName().Name!),
        ("Serilog:WriteTo:capture:Name", nameof(GatewayLogSinks.GatewayTestLog)),
        ("Serilog:WriteTo:capture:Args:id", Id),
    ];

    /// <summary>How many events so far: a mark to read only what a test's own request caused.</summary>
    public int Count
    {
        get
        {
            lock (_events)
            {
                return _events.Count;
            }
        }
    }

    public static GatewayLog Create()
    {
        var log = new GatewayLog(Guid.NewGuid().ToString("N"));
        Open[log.Id] = log;
        return log;
    }

    internal static GatewayLog Find(string id) =>
        Open.TryGetValue(id, out var log) ? log : throw new InvalidOperationException($"No GatewayLog {id}.");

    public IReadOnlyList<LogEvent> Since(int mark)
    {
        lock (_events)
        {
            return _events.Skip(mark).ToList();
        }
    }

    /// <summary>Events since the mark as the console shows them: level, message and any exception with its stack.</summary>
    public string TextSince(int mark) => string.Join("\n", Since(mark).Select(e =>
        $"[{e.Level}] {Message(e)}{(e.Exception is null ? "" : "\n" + e.Exception)}"));

    /// <summary>The message as the gateway's console shows it: string values unquoted ({Message:lj}).</summary>
    public static string Message(LogEvent logEvent)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        MessageOnly.Format(logEvent, text);
        return text.ToString();
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}

/// <summary>The sink's name in Serilog configuration; Serilog.Settings.Configuration finds it by reflection.</summary>
public static class GatewayLogSinks
{
    public static LoggerConfiguration GatewayTestLog(this LoggerSinkConfiguration sinks, string id) =>
        sinks.Sink(GatewayLog.Find(id));
}
