using Gateway.Hosting.Options;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

internal static class AssetExtensions
{
    /// <summary>
    /// The pages' own CSS, script and images at {PathPrefix}/assets/{name}, served by the gateway so it works offline
    /// and needs no CDN, with ETag and Last-Modified for revalidation (304). Goes before routing: the middleware steps
    /// aside once an endpoint is chosen, and /auth/{**path} would be chosen for every asset. A request it does not
    /// serve goes on to that catch-all, which answers the gateway's 404.
    /// </summary>
    public static IApplicationBuilder UseGatewayAssets(this IApplicationBuilder app)
    {
        var prefix = app.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value.PathPrefix;
        var templates = app.ApplicationServices.GetRequiredService<PageTemplates>();
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = prefix + "/assets",
            FileProvider = templates.Assets,
            ContentTypeProvider = new AssetContentTypes(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "public, max-age=3600";
                headers.XContentTypeOptions = "nosniff";
            },
        });
    }
}
