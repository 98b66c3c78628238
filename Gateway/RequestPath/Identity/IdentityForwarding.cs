using System.Security.Claims;
using Gateway.Pages;
using Gateway.RequestPath.Token;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.RequestPath.Identity;

/// <summary>
/// On every route: drops identity headers a client made up (every spelling), the gateway's cookies and a Bearer token the
/// gateway consumed, then adds the user id, name, login and roles from the validated token.
/// </summary>
internal sealed class IdentityForwarding(IOptions<IdentityHeaderOptions> options, TokenCookies cookies) : RequestTransform
{
    private readonly string[] _strippedHeaders =
        [options.Value.UserId, options.Value.UserName, options.Value.UserLogin, options.Value.UserRoles, .. IdentityHeaderOptions.AlwaysRemoved, .. options.Value.Remove];
    private readonly string[] _gatewayCookies = [cookies.Name, cookies.ExpiryName, cookies.RememberName, PageExtensions.AntiforgeryCookieName];

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        RemoveClientIdentityHeaders(context);
        RemoveGatewayCookies(context);

        if (ForwardedIdentity.Of(http.User) is not { } identity)
        {
            return ValueTask.CompletedTask;
        }

        if (http.GetTokenSource() == TokenSource.AuthorizationHeader)
        {
            RemoveHeader(context, "Authorization");
        }

        AddHeader(context, options.Value.UserId, identity.UserId!);
        if (identity.Name is { } name)
        {
            AddHeader(context, options.Value.UserName, name);
        }

        if (identity.Login is { } login)
        {
            AddHeader(context, options.Value.UserLogin, login);
        }

        if (identity.Roles is { Length: > 0 } roles)
        {
            AddHeader(context, options.Value.UserRoles, roles);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Printable ASCII without "%" goes as it is; any other name is sent percent-encoded as UTF-8 (RFC 3986 section 2.1),
    /// "%" included. So a backend that always percent-decodes gets the exact name back: "Zoë" arrives as "Zo%C3%AB" and
    /// the literal name "Zo%C3%AB" as "Zo%25C3%25AB", and no name can decode into a CR LF it did not contain.
    /// </summary>
    internal static string HeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '%')
            {
                return Uri.EscapeDataString(value);
            }
        }

        return value;
    }

    /// <summary>
    /// The token's roles joined by commas. Only names RoleRules allows (a-z 0-9 _ -) are passed on, so no value can
    /// carry a comma or a line break into the header even if a token held one.
    /// </summary>
    internal static string RoleList(ClaimsPrincipal user) => string.Join(',',
        user.FindAll(GatewayClaims.Roles).Select(claim => claim.Value).Where(role => RoleRules.Problem(role) is null));

    private void RemoveClientIdentityHeaders(RequestTransformContext context)
    {
        List<string>? spoofed = null;
        foreach (var header in context.HttpContext.Request.Headers)
        {
            foreach (var stripped in _strippedHeaders)
            {
                if (HeaderNames.SameForBackends(header.Key, stripped))
                {
                    (spoofed ??= []).Add(header.Key);
                    break;
                }
            }
        }

        if (spoofed is null)
        {
            return;
        }

        foreach (var name in spoofed)
        {
            RemoveHeader(context, name);
        }
    }

    private void RemoveGatewayCookies(RequestTransformContext context)
    {
        // Every Cookie header counts: ToString() would join several with "," and hide a token behind "theme=dark,".
        var headers = context.HttpContext.Request.Headers.Cookie;
        if (headers.Count == 0 || (headers.Count == 1 && !CookieHeader.MayContain(headers[0] ?? "", _gatewayCookies)))
        {
            return;
        }

        RemoveHeader(context, "Cookie");
        var kept = CookieHeader.Without(headers, _gatewayCookies);
        if (kept.Length > 0)
        {
            AddHeader(context, "Cookie", kept);
        }
    }
}
