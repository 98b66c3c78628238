using System.Globalization;
using System.Security.Claims;
using Gateway.Revocation;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Auth;

/// <summary>Reads the token from the cookie (never the query string), enforces jti and revocation, and answers challenges.</summary>
internal sealed class GatewayTokenEvents(TokenCookies cookies, ITokenRevocation revocation, ChallengeResponses responses)
    : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // The handler reads the header itself; remember it so the proxy strips it.
            context.HttpContext.SetTokenSource(TokenSource.AuthorizationHeader);
            return Task.CompletedTask;
        }

        if (request.Cookies.TryGetValue(cookies.Name, out var token) && !string.IsNullOrEmpty(token))
        {
            context.Token = token;
            context.HttpContext.SetTokenSource(TokenSource.Cookie);
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
        }
        else if (revocation.IsRevoked(tokenId, userId, IssuedAt(principal)))
        {
            context.Fail(new SecurityTokenRevokedException());
        }

        return Task.CompletedTask;
    }

    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
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
