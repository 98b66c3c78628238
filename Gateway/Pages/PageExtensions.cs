using Gateway.Hosting.Options;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

internal static class PageExtensions
{
    public const string AntiforgeryCookieName = "gateway_csrf";
    public const string AntiforgeryFieldName = "__csrf";

    public static IServiceCollection AddGatewayPages(this IServiceCollection services)
    {
        services.TryAddSingleton<PageTemplates>();
        services.TryAddSingleton<PageRenderer>();

        // Antiforgery tokens are sealed with the data-protection keys (AddGatewayDataProtection), shared by the replicas.
        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IOptions<GatewayOptions>, IOptions<TokenCookieOptions>>((antiforgery, gateway, cookie) =>
            {
                antiforgery.FormFieldName = AntiforgeryFieldName;
                antiforgery.HeaderName = null;
                antiforgery.SuppressXFrameOptionsHeader = true;
                antiforgery.Cookie = new AntiforgeryCookie(cookie)
                {
                    Name = AntiforgeryCookieName,
                    // Only the gateway's own pages need it, so it never travels to a backend.
                    Path = gateway.Value.PathPrefix,
                    SameSite = SameSiteMode.Strict,
                    HttpOnly = true,
                    IsEssential = true,
                };
            });
        return services;
    }
}
