using System.Globalization;
using System.Security.Claims;
using Gateway.Revocation;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.RequestPath.Token;

/// <summary>
/// Reads the token from the cookie (never the query string), enforces jti, sid and revocation, continues cookie
/// sessions (sliding refresh, remember-me), and answers challenges.
/// </summary>
internal sealed class GatewayTokenEvents(
    TokenCookies cookies,
    ITokenRevocation revocation,
    ValidatedTokenCache cache,
    ChallengeResponses responses,
    ISessionContinuation refresh,
    TimeProvider time,
    ILogger<GatewayTokenEvents> logger)
    : JwtBearerEvents
{
    private const string BearerPrefix = "Bearer ";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        // The token as sent, still inside its header: a token seen before is found in the cache without a copy.
        ReadOnlySpan<char> presented;
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Remember where the token came from, so the proxy strips exactly what the gateway consumed.
            presented = authorization.AsSpan(BearerPrefix.Length).Trim();
            context.HttpContext.GatewayRequest().TokenSource = TokenSource.AuthorizationHeader;
        }
        else
        {
            switch (cookies.ReadToken(request, out var cookie))
            {
                case CookieCount.One when !cookie.IsEmpty:
                    presented = cookie;
                    context.HttpContext.GatewayRequest().TokenSource = TokenSource.Cookie;
                    break;
                case CookieCount.Several:
                    context.HttpContext.GatewayRequest().CookieConflict = true;
                    TokenCookieLog.SeveralTokenCookies(logger, request.Path, cookies.Name);
                    return Task.CompletedTask;
                default:
                    // The browser dropped the token cookie (closed, or it expired): a remembered session comes back.
                    return cookies.ReadRemembered(request) is { } remembered ? RestoreAsync(context, remembered) : Task.CompletedTask;
            }
        }

        // Seen and validated before: skip the signature check, but never the revocation check.
        if (cache.TryGet(presented, out var cached, out var validated)
            && !revocation.IsRevoked(validated.TokenId, validated.SessionId, validated.UserId, validated.AuthenticatedAt))
        {
            context.Token = cached;
            context.Principal = validated.Principal;
            context.Success();
            return refresh.IsDue(context.HttpContext, validated.ExpiresAt)
                ? refresh.SlideAsync(context.HttpContext, validated.Principal)
                : Task.CompletedTask;
        }

        var token = presented.ToString();
        context.Token = token;

        // A browser-session token cookie outlives its token: past exp, a remembered session is restored instead.
        if (context.HttpContext.GetTokenSource() == TokenSource.Cookie
            && cookies.ReadRemembered(request) is { } credential
            && HasExpired(token))
        {
            return RestoreAsync(context, credential);
        }

        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var tokenId = principal.FindFirst(GatewayClaims.TokenId)?.Value;
        var userId = principal.FindFirst(GatewayClaims.Subject)?.Value;
        if (string.IsNullOrEmpty(tokenId) || string.IsNullOrEmpty(userId))
        {
            context.Fail(new SecurityTokenValidationException("The token has no jti or sub claim."));
            return Task.CompletedTask;
        }

        var sessionId = principal.FindFirst(GatewayClaims.SessionId)?.Value;
        var authenticatedAt = AuthenticatedAt(principal);
        if (revocation.IsRevoked(tokenId, sessionId, userId, authenticatedAt))
        {
            context.Fail(new SecurityTokenRevokedException());
            return Task.CompletedTask;
        }

        if (context.SecurityToken is not JsonWebToken jwt)
        {
            return Task.CompletedTask;
        }

        // exp is required by validation, so it is there.
        var expires = long.Parse(principal.FindFirst(GatewayClaims.Expires)!.Value, CultureInfo.InvariantCulture);
        cache.Add(jwt.EncodedToken, new ValidatedToken(principal, tokenId, userId, authenticatedAt, expires, sessionId));
        return refresh.IsDue(context.HttpContext, expires)
            ? refresh.SlideAsync(context.HttpContext, principal)
            : Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var request = context.HttpContext.Features.Get<IGatewayRequestFeature>();
        if (request?.StoreUnavailable is { } unavailable)
        {
            return responses.StoreOutageAsync(context.HttpContext, unavailable);
        }

        if (request?.CookieConflict == true)
        {
            return responses.CookieConflictAsync(context.HttpContext);
        }

        var presented = request?.TokenSource is not null;
        var expired = context.AuthenticateFailure is SecurityTokenExpiredException
            || (!presented && cookies.RemembersExpiredToken(context.Request));
        return responses.ChallengeAsync(context.HttpContext, presented, expired,
            revoked: context.AuthenticateFailure is SecurityTokenRevokedException);
    }

    public override Task Forbidden(ForbiddenContext context) => responses.ForbiddenAsync(context.HttpContext);

    private async Task RestoreAsync(MessageReceivedContext context, string credential)
    {
        IssuedToken? restored;
        try
        {
            restored = await refresh.RestoreAsync(context.HttpContext, credential);
        }
        catch (UserStoreUnavailableException unavailable)
        {
            context.HttpContext.GatewayRequest().StoreUnavailable = unavailable;
            return;
        }

        // Validated below like any token, so the restored one is cached and checked the same way.
        if (restored is not null)
        {
            context.Token = restored.Value;
            context.HttpContext.GatewayRequest().TokenSource = TokenSource.Cookie;
        }
    }

    /// <summary>Read without validation, only to decide whether a remember-me credential should be tried instead.</summary>
    private bool HasExpired(string token)
    {
        try
        {
            return new JsonWebToken(token).ValidTo < time.GetUtcNow().UtcDateTime;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The cut-off compares when the password was checked: auth_time, which refreshed tokens keep. A token issued before
    // sessions existed has none and is judged by its iat; one without either counts as signed in at the epoch, so any
    // "log out everywhere" of its user ends it.
    internal static DateTimeOffset AuthenticatedAt(ClaimsPrincipal principal) =>
        Seconds(principal, GatewayClaims.AuthTime) ?? Seconds(principal, GatewayClaims.IssuedAt) ?? DateTimeOffset.UnixEpoch;

    private static DateTimeOffset? Seconds(ClaimsPrincipal principal, string claim) =>
        long.TryParse(principal.FindFirst(claim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
