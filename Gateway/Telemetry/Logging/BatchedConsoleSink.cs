using System.Text;
using Gateway.RequestPath.RequestLog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Gateway.Telemetry.Logging;

/// <summary>
/// Writes log lines to standard output in batches: Serilog's batching queue takes events off the request thread, and
/// a batch costs one write to the terminal or pipe instead of one per line (the console sink flushes every line).
/// </summary>
internal sealed class BatchedConsoleSink : IBatchedLogEventSink, IDisposable
{
    public const string OutputTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    private readonly MessageTemplateTextFormatter _formatter = new(OutputTemplate);
    private readonly StreamWriter _writer =
        new(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024)
        {
            AutoFlush = false,
        };

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            if (!RequestLine.TryWrite(logEvent, _writer))
            {
                _formatter.Format(logEvent, _writer);
            }
        }

        _writer.Flush();
        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    public void Dispose() => _writer.Dispose();
}
