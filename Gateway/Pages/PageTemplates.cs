using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

/// <summary>Template and asset files: from the operator's folder when it has the file, else built in.</summary>
internal sealed class PageTemplates(IOptions<PageOptions> options)
{
    private readonly ConcurrentDictionary<string, byte[]?> _cache = new(StringComparer.Ordinal);
    private string? _assetVersion;

    public string Template(string name) =>
        System.Text.Encoding.UTF8.GetString(Load($"Templates/{name}.html")
            ?? throw new InvalidOperationException($"No template named {name}."));

    /// <summary>
    /// Changes whenever the stylesheet or the script does. Page links carry it in their query, so browsers holding a
    /// cached copy (assets are cacheable for an hour) fetch the new one right after an upgrade or a template change.
    /// </summary>
    public string AssetVersion => _assetVersion ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        [.. Asset("gateway.css") ?? [], .. Asset("gateway.js") ?? []]))[..12];

    /// <returns>Null when no asset has that name.</returns>
    public byte[]? Asset(string name) => Load($"Assets/{name}");

    private byte[]? Load(string logicalName) => _cache.GetOrAdd(logicalName, ReadFile);

    private byte[]? ReadFile(string logicalName)
    {
        if (options.Value.TemplatePath is { Length: > 0 } folder)
        {
            // Templates/login.html is looked up as login.html, Assets/gateway.css as assets/gateway.css.
            var relative = logicalName.StartsWith("Templates/", StringComparison.Ordinal)
                ? logicalName["Templates/".Length..]
                : "assets/" + logicalName["Assets/".Length..];
            var path = Path.Combine(Path.GetFullPath(folder), relative);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        using var stream = typeof(PageTemplates).Assembly.GetManifestResourceStream(logicalName);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
