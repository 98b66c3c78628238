using Gateway.Configuration;
using Gateway.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Gateway.Pages;

/// <summary>Renders a template inside the layout and writes it with the security headers every gateway page carries.</summary>
internal sealed class PageRenderer(
    PageTemplates templates,
    IAntiforgery antiforgery,
    IOptions<PageOptions> pageOptions,
    IOptions<GatewayOptions> gatewayOptions,
    IOptions<UserOptions> userOptions)
{
    // No inline script or style anywhere, so the policy needs no nonce (CSP Level 3).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public async Task WriteAsync(HttpContext context, Page page, int statusCode, IReadOnlyDictionary<string, object?> values)
    {
        var model = CommonValues(context, page, statusCode);
        foreach (var (key, value) in values)
        {
            model[key] = value;
        }

        if (model.GetValueOrDefault("returnUrl") is string returnUrl)
        {
            model["returnUrlQuery"] = Uri.EscapeDataString(returnUrl);
        }

        var body = Template.Render(templates.Template(page.Template), model);
        model["body"] = body;
        var html = Template.Render(templates.Template("layout"), model);

        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.Apply(response, ContentSecurityPolicy);
        await response.WriteAsync(html, context.RequestAborted);
    }

    private Dictionary<string, object?> CommonValues(HttpContext context, Page page, int statusCode)
    {
        var gateway = gatewayOptions.Value;
        var pages = pageOptions.Value;
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["appTitle"] = pages.Title,
            ["pageTitle"] = page.Title,
            ["logoPath"] = pages.LogoPath,
            ["assetBase"] = gateway.PathPrefix + "/assets",
            ["assetVersion"] = templates.AssetVersion,
            ["statusCode"] = statusCode,
            ["loginPath"] = gateway.LoginPath,
            ["registerPath"] = gateway.RegisterPath,
            ["logoutPath"] = gateway.LogoutPath,
            ["accountPath"] = gateway.PathPrefix + "/account",
            ["allowRegistration"] = userOptions.Value.AllowRegistration,
        };

        if (page.HasForm)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            model["csrfField"] = tokens.FormFieldName;
            model["csrfToken"] = tokens.RequestToken;
        }

        return model;
    }
}
