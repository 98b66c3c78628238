using System.Text.RegularExpressions;
using Gateway.Pages;

namespace Gateway.Endpoints;

/// <summary>The pages' own CSS, script and images, served by the gateway so it works offline and needs no CDN.</summary>
internal static partial class AssetEndpoints
{
    public static void MapAssets(this RouteGroupBuilder group) =>
        group.MapGet("/assets/{name}", (string name, PageTemplates templates) =>
        {
            var match = AssetName().Match(name);
            if (!match.Success || templates.Asset(name) is not { } content)
            {
                return Results.NotFound();
            }

            var type = match.Groups["ext"].Value switch
            {
                "css" => "text/css; charset=utf-8",
                "js" => "text/javascript; charset=utf-8",
                "svg" => "image/svg+xml",
                "png" => "image/png",
                _ => "image/x-icon",
            };
            return Results.Bytes(content, type);
        }).AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            context.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
            context.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return result;
        });

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*\\.(?<ext>css|js|svg|png|ico)$")]
    private static partial Regex AssetName();
}
