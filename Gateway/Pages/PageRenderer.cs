using Gateway.Hosting.Options;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

/// <summary>Renders a page's model inside the layout and writes it with the security headers every gateway page carries.</summary>
internal sealed class PageRenderer(
    PageTemplates templates,
    IAntiforgery antiforgery,
    IOptions<PageOptions> pageOptions,
    IOptions<GatewayOptions> gatewayOptions,
    LayoutLinks links)
{
    // No inline script or style anywhere, so the policy needs no nonce (CSP Level 3).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public async Task WriteAsync(HttpContext context, PageModel model, int statusCode)
    {
        var layout = Layout(context, model.Page, statusCode);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        Placeholders.AddTo(values, layout);
        Placeholders.AddTo(values, model);

        values["body"] = Template.Render(templates.Template(model.Page.Template), values);
        var html = Template.Render(templates.Template("layout"), values);

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.Apply(response, ContentSecurityPolicy);
        await response.WriteAsync(html, context.RequestAborted);
    }

    private LayoutModel Layout(HttpContext context, Page page, int statusCode)
    {
        var gateway = gatewayOptions.Value;
        var pages = pageOptions.Value;
        var tokens = page.HasForm ? antiforgery.GetAndStoreTokens(context) : null;
        return new LayoutModel(
            AppTitle: pages.Title,
            PageTitle: page.Title,
            LogoPath: pages.LogoPath,
            AssetBase: gateway.PathPrefix + "/assets",
            AssetVersion: templates.AssetVersion,
            StatusCode: statusCode,
            LoginPath: gateway.LoginPath,
            RegisterPath: gateway.RegisterPath,
            LogoutPath: gateway.LogoutPath,
            AccountPath: gateway.AccountPath,
            PasswordPath: gateway.PasswordPath,
            AllowRegistration: links.Register,
            CsrfField: tokens?.FormFieldName,
            CsrfToken: tokens?.RequestToken);
    }
}
