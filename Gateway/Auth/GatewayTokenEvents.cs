using System.Globalization;
using System.Security.Claims;
using Gateway.Revocation;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

/// <summary>Reads the token from the cookie (never the query string), enforces jti and revocation, and answers challenges.</summary>
internal sealed class GatewayTokenEvents(
    TokenCookies cookies,
    ITokenRevocation revocation,
    ValidatedTokenCache cache,
    ChallengeResponses responses,
    ILogger<GatewayTokenEvents> logger)
    : JwtBearerEvents
{
    private const string BearerPrefix = "Bearer ";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        string? token = null;
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Remember where the token came from, so the proxy strips exactly what the gateway consumed.
            token = authorization[BearerPrefix.Length..].Trim();
            context.HttpContext.SetTokenSource(TokenSource.AuthorizationHeader);
        }
        else
        {
            switch (cookies.ReadToken(request, out var cookie))
            {
                case CookieCount.One when !string.IsNullOrEmpty(cookie):
                    token = cookie;
                    context.HttpContext.SetTokenSource(TokenSource.Cookie);
                    break;
                case CookieCount.Several:
                    context.HttpContext.SetCookieConflict();
                    TokenCookieLog.SeveralTokenCookies(logger, request.Path, cookies.Name);
                    break;
            }
        }

        if (token is null)
        {
            return Task.CompletedTask;
        }

        context.Token = token;

        // Seen and validated before: skip the signature check, but never the revocation check.
        if (cache.TryGet(token, out var validated)
            && !revocation.IsRevoked(validated.TokenId, validated.UserId, validated.IssuedAt))
        {
            context.Principal = validated.Principal;
            context.Success();
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

        var issuedAt = IssuedAt(principal);
        if (revocation.IsRevoked(tokenId, userId, issuedAt))
        {
            context.Fail(new SecurityTokenRevokedException());
        }
        else if (context.SecurityToken is JsonWebToken jwt)
        {
            // exp is required by validation, so it is there.
            var expires = long.Parse(principal.FindFirst(GatewayClaims.Expires)!.Value, CultureInfo.InvariantCulture);
            cache.Add(jwt.EncodedToken, new ValidatedToken(principal, tokenId, userId, issuedAt, expires));
        }

        return Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.HttpContext.HasCookieConflict())
        {
            return responses.CookieConflictAsync(context.HttpContext);
        }

        var presented = context.HttpContext.GetTokenSource() is not null;
        var expired = context.AuthenticateFailure is SecurityTokenExpiredException
            || (!presented && cookies.RemembersExpiredToken(context.Request));
        return responses.ChallengeAsync(context.HttpContext, presented, expired);
    }

    public override Task Forbidden(ForbiddenContext context) => responses.ForbiddenAsync(context.HttpContext);

    // A token without iat counts as issued at the epoch, so any "log out everywhere" of its user ends it.
    private static DateTimeOffset IssuedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(GatewayClaims.IssuedAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UnixEpoch;
}
