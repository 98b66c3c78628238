using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

/// <summary>Template and asset files: from the operator's folder when it has the file, else built in.</summary>
internal sealed class PageTemplates : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _templates = new(StringComparer.Ordinal);
    private readonly string? _folder;
    private readonly PhysicalFileProvider? _operatorAssets;
    private CachedVersion? _assetVersion;

    public PageTemplates(IOptions<PageOptions> options)
    {
        _folder = options.Value.TemplatePath is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

        // The manifest holds the assets only (the templates are left out of it in Gateway.csproj).
        var builtIn = new ManifestEmbeddedFileProvider(typeof(PageTemplates).Assembly, "Assets");
        var assets = _folder is null ? null : Path.Combine(_folder, "assets");
        if (assets is not null && Directory.Exists(assets))
        {
            _operatorAssets = new PhysicalFileProvider(assets);
            Assets = new CompositeFileProvider(_operatorAssets, builtIn);
        }
        else
        {
            Assets = builtIn;
        }
    }

    /// <summary>The asset files by name: the operator's <c>assets/</c> folder first, when there is one, then the built-in set.</summary>
    public IFileProvider Assets { get; }

    /// <summary>
    /// Changes whenever the stylesheet or the script does. Page links carry it in their query, so browsers holding a
    /// cached copy (assets are cacheable for an hour) fetch the new one right after an upgrade or a template change.
    /// </summary>
    public string AssetVersion
    {
        get
        {
            var css = Assets.GetFileInfo("gateway.css");
            var js = Assets.GetFileInfo("gateway.js");
            var stamp = (css.LastModified, css.Length, js.LastModified, js.Length);
            if (_assetVersion is { } known && known.Stamp == stamp)
            {
                return known.Value;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Append(hash, css);
            Append(hash, js);
            var value = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
            _assetVersion = new CachedVersion(stamp, value);
            return value;
        }
    }

    /// <summary>A template's text, read once, at first use.</summary>
    public string Template(string name) => _templates.GetOrAdd(name, ReadTemplate);

    public void Dispose() => _operatorAssets?.Dispose();

    private string ReadTemplate(string name)
    {
        var path = _folder is null ? null : Path.Combine(_folder, $"{name}.html");
        if (path is not null && File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        using var stream = typeof(PageTemplates).Assembly.GetManifestResourceStream($"Templates/{name}.html")
            ?? throw new InvalidOperationException($"No template named {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Append(IncrementalHash hash, IFileInfo file)
    {
        if (!file.Exists)
        {
            return;
        }

        using var stream = file.CreateReadStream();
        var buffer = new byte[4096];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }

    private sealed record CachedVersion((DateTimeOffset, long, DateTimeOffset, long) Stamp, string Value);
}
