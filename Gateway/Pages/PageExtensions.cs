using Gateway.Auth;
using Gateway.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

internal static class PageExtensions
{
    public const string AntiforgeryCookieName = "gateway_csrf";
    public const string AntiforgeryFieldName = "__csrf";

    public static IServiceCollection AddGatewayPages(this IServiceCollection services)
    {
        services.AddGatewaySection<PageOptions>(PageOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PageOptions>, PageOptionsValidator>());
        services.TryAddSingleton<PageTemplates>();
        services.TryAddSingleton<PageRenderer>();

        // Antiforgery tokens are sealed with data-protection keys: keep them in the data folder so restarts and
        // replicas sharing that folder accept each other's forms.
        services.AddDataProtection().SetApplicationName("auth-gateway");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DataFolder>((keys, dataFolder) =>
                keys.XmlRepository = new OwnerOnlyXmlRepository(dataFolder.Subfolder("keys")));

        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IOptions<GatewayOptions>, IOptions<TokenCookieOptions>>((antiforgery, gateway, cookie) =>
            {
                antiforgery.FormFieldName = AntiforgeryFieldName;
                antiforgery.HeaderName = null;
                antiforgery.SuppressXFrameOptionsHeader = true;
                antiforgery.Cookie.Name = AntiforgeryCookieName;
                // Only the gateway's own pages need it, so it never travels to a backend.
                antiforgery.Cookie.Path = gateway.Value.PathPrefix;
                antiforgery.Cookie.SameSite = SameSiteMode.Strict;
                antiforgery.Cookie.HttpOnly = true;
                antiforgery.Cookie.SecurePolicy = cookie.Value.Secure;
            });
        return services;
    }
}
