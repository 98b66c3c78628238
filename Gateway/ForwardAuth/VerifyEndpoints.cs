using Gateway.Hosting.Options;
using Gateway.RequestPath.Checks;
using Gateway.RequestPath.Identity;
using Gateway.RequestPath.Token;
using Gateway.Responses;
using Gateway.Revocation;
using Gateway.Storage.Redis;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.ForwardAuth;

/// <summary>
/// <c>GET /auth/verify</c>: forward-auth for nginx (<c>auth_request</c>), Traefik (ForwardAuth) and Caddy
/// (<c>forward_auth</c>). The gateway only decides; the calling proxy serves the page. The token is read, validated,
/// checked for revocation and refreshed by the authentication scheme, exactly as for a proxied request.
/// </summary>
internal static class VerifyEndpoints
{
    private const string RedirectQuery = "redirect";

    private static readonly HttpError Forbidden = HttpError.Of(StatusCodes.Status403Forbidden,
        "forbidden", "You are signed in, but your account may not use this page.") with { Heading = "You don't have access to this page" };

    public static void MapVerify(this RouteGroupBuilder group) =>
        group.MapMethods("/verify", [HttpMethods.Get, HttpMethods.Head], VerifyAsync);

    private static async Task VerifyAsync(
        HttpContext context,
        IAuthorizationPolicyProvider policies,
        IAuthorizationService authorization,
        IOptions<GatewayOptions> gateway,
        IOptions<IdentityHeaderOptions> headers,
        TokenCookies cookies,
        Replies replies,
        IOptions<RedisOptions> redis,
        ILoggerFactory loggers,
        [FromServices] RedisSyncState? sync)
    {
        var request = context.Request;
        // Traefik and Caddy hand the proxy's answer to the browser, so they may ask for the redirect; nginx's auth_request
        // understands only 2xx, 401 and 403, so by default every caller gets JSON whatever it accepts.
        var redirect = string.Equals(request.Query[RedirectQuery], "true", StringComparison.OrdinalIgnoreCase)
            && RequestKinds.Of(request) != RequestKind.Api;

        // Checked first, signed in or not: a proxy naming a missing policy is a configuration error to show at once.
        if (await ForwardAuthPolicy.FindAsync(request, policies) is not { } policy)
        {
            var name = ForwardAuthPolicy.NameOf(request);
            ForwardAuthLog.UnknownPolicy(loggers.CreateLogger(typeof(VerifyEndpoints).FullName!), request.Path, name);
            await Replies.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("unknown_policy",
                $"The policy '{name}' named by ?policy= is not defined. Define it under Gateway:Policies, or name another in the proxy's configuration."));
            return;
        }

        // Anonymous like the sign-in pages, which the stale-revocation guard lets through, yet it admits requests like a
        // protected route: it fails closed the same way (Gateway:Redis:MaxStaleness).
        if (sync is not null && sync.IsStale(redis.Value.MaxStaleness))
        {
            var paused = StaleRevocationGuard.Paused;
            context.Response.Headers.RetryAfter = ((int)paused.RetryAfter!.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Replies.JsonAsync(context, paused.StatusCode, paused.Body);
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            await UnauthorizedAsync(context, gateway.Value, cookies, redirect);
            return;
        }

        if (!(await authorization.AuthorizeAsync(context.User, context, policy)).Succeeded)
        {
            await (redirect ? replies.ErrorAsync(context, Forbidden) : Replies.JsonAsync(context, Forbidden.StatusCode, Forbidden.Body));
            return;
        }

        AddIdentity(context, headers.Value);
        KeepOnlyTokenCookie(context.Response, cookies.Name);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>
    /// 401 JSON, as a route's challenge answers a script. A browser's answer also carries the login page's address in
    /// <c>Location</c> (as Authelia's auth-request endpoint does), with the return URL escaped and checked, so nginx can
    /// send the browser there (<c>auth_request_set</c> + <c>error_page 401</c>). With <c>?redirect=true</c>, a browser
    /// gets the 302 itself.
    /// </summary>
    private static async Task UnauthorizedAsync(HttpContext context, GatewayOptions options, TokenCookies cookies, bool redirect)
    {
        var request = context.Request;
        var response = context.Response;
        var presented = context.GetTokenSource() is not null;
        var failure = presented ? (await context.AuthenticateAsync()).Failure : null;
        var conflict = context.Features.Get<IGatewayRequestFeature>()?.CookieConflict == true;
        var expired = failure is SecurityTokenExpiredException || (!presented && !conflict && cookies.RemembersExpiredToken(request));
        var reason = conflict ? ChallengeResponses.CookieConflictReason : expired ? ChallengeResponses.ExpiredReason : null;

        response.Headers.CacheControl = "no-store";
        if (RequestKinds.Of(request) != RequestKind.Api)
        {
            response.Headers.Location = OriginalUri.LoginLocation(request, options, reason);
            if (redirect)
            {
                response.StatusCode = StatusCodes.Status302Found;
                return;
            }
        }

        // RFC 6750 section 3: a bare challenge when no token was sent, invalid_token when one was refused.
        response.Headers.WWWAuthenticate = presented || conflict ? "Bearer error=\"invalid_token\"" : "Bearer";
        var error = conflict
            ? new ErrorBody(ChallengeResponses.CookieConflictReason, $"The request carried more than one {cookies.Name} cookie. Clear the cookies for this site, then sign in again at {options.LoginPath}.")
            : expired
                ? new ErrorBody("token_expired", $"Your session has expired. Sign in again at {options.LoginPath}.")
                : new ErrorBody("unauthorized", $"Sign in at {options.LoginPath}, or send Authorization: Bearer <token>.");
        await Replies.JsonAsync(context, StatusCodes.Status401Unauthorized, error);
    }

    /// <summary>The identity headers a backend gets through the gateway, encoded the same way, on the answer to the proxy.</summary>
    private static void AddIdentity(HttpContext context, IdentityHeaderOptions options)
    {
        var user = context.User;
        var headers = context.Response.Headers;
        headers[options.UserId] = user.FindFirst(GatewayClaims.Subject)!.Value;
        if (user.FindFirst(GatewayClaims.Name)?.Value is { Length: > 0 } name)
        {
            headers[options.UserName] = IdentityForwarding.HeaderSafe(name);
        }

        if (user.FindFirst(GatewayClaims.PreferredUsername)?.Value is { Length: > 0 } login)
        {
            headers[options.UserLogin] = IdentityForwarding.HeaderSafe(login);
        }

        if (IdentityForwarding.RoleList(user) is { Length: > 0 } roles)
        {
            headers[options.UserRoles] = roles;
        }
    }

    /// <summary>
    /// A refresh sets the token cookie and its expiry companion. nginx's <c>auth_request_set</c> can carry one
    /// <c>Set-Cookie</c> line to the browser (newer versions join several with commas, which would swallow the first
    /// cookie's HttpOnly into a nonsense attribute), so only the token cookie is sent: the one that keeps the session.
    /// </summary>
    private static void KeepOnlyTokenCookie(HttpResponse response, string tokenCookie)
    {
        var lines = response.Headers.SetCookie;
        if (lines.Count > 1)
        {
            response.Headers.SetCookie = new StringValues(
                [.. lines.Where(line => line is not null && line.StartsWith(tokenCookie + "=", StringComparison.Ordinal))]);
        }
    }
}
