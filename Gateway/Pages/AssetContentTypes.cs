using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;

namespace Gateway.Pages;

/// <summary>
/// Which names under /auth/assets are assets, and their media types. The static files middleware serves no name this
/// refuses, so a template, a directory or any other file in the operator's folder falls through to the gateway's 404.
/// </summary>
internal sealed partial class AssetContentTypes : IContentTypeProvider
{
    public bool TryGetContentType(string subpath, [MaybeNullWhen(false)] out string contentType)
    {
        var match = AssetName().Match(subpath);
        contentType = !match.Success ? null : match.Groups["ext"].Value switch
        {
            "css" => "text/css; charset=utf-8",
            "js" => "text/javascript; charset=utf-8",
            "svg" => "image/svg+xml",
            "png" => "image/png",
            _ => "image/x-icon",
        };
        return contentType is not null;
    }

    // One file name, no folder: the path after /auth/assets.
    [GeneratedRegex("^/[a-z0-9][a-z0-9-]*\\.(?<ext>css|js|svg|png|ico)\\z")]
    private static partial Regex AssetName();
}
