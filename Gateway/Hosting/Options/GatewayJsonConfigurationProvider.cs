using System.Text.Json;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Primitives;

namespace Gateway.Hosting.Options;

/// <summary>
/// Reads yarp.json and reloads it when it changes. A file that does not parse stops start-up with one line naming the
/// file, line and position; after start-up the same mistake is reported through <see cref="Rejected"/> and the last
/// good content stays in force. (ASP.NET's own provider replaces it with nothing, which would drop every route.)
/// </summary>
internal sealed class GatewayJsonConfigurationProvider : JsonConfigurationProvider
{
    private readonly GatewayJsonConfigurationSource _source;
    private readonly IDisposable _watch;

    public GatewayJsonConfigurationProvider(GatewayJsonConfigurationSource source) : base(source)
    {
        _source = source;
        _watch = ChangeToken.OnChange(() => source.FileProvider!.Watch(source.Path!), Reload);
    }

    /// <summary>Raised, with the reason in one line, when a changed file is not applied.</summary>
    public event Action<string>? Rejected;

    public string FullPath => _source.FullPath;

    public override void Load(Stream stream)
    {
        try
        {
            base.Load(stream);
        }
        catch (FormatException ex)
        {
            throw new GatewayStartupException(Describe(ex));
        }
    }

    protected override void Dispose(bool disposing)
    {
        _watch.Dispose();
        base.Dispose(disposing);
    }

    private void Reload()
    {
        // Editors write a file in more than one step; wait as the base class does before reading it.
        Thread.Sleep(_source.ReloadDelay);
        try
        {
            using var stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            base.Load(stream);
        }
        catch (FormatException ex)
        {
            Rejected?.Invoke(Describe(ex));
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Rejected?.Invoke($"The config file '{FullPath}' cannot be read: {ex.Message}");
            return;
        }

        OnReload();
    }

    private string Describe(FormatException ex) => ex.InnerException is JsonException { LineNumber: { } line } json
        // JsonException counts lines and bytes from 0; editors count from 1.
        ? $"The config file '{FullPath}' is not valid JSON at line {line + 1}, position {json.BytePositionInLine + 1}: {Reason(json.Message)}"
        : $"The config file '{FullPath}' cannot be used: {ex.Message}";

    /// <summary>System.Text.Json's message without the position suffix it appends (" LineNumber: 3 | ...").</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal) is >= 0 and var path ? path
            : message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }
}
