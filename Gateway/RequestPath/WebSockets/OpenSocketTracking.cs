using Gateway.RequestPath.Token;
using Gateway.Revocation;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.RequestPath.WebSockets;

/// <summary>
/// Records a signed-in user's upgrade (HTTP/1.1 Upgrade, RFC 6455 section 4; HTTP/2 extended CONNECT, RFC 8441) for as
/// long as YARP tunnels it, so <see cref="RevokedSocketCloser"/> can end it when its session is revoked. The request has
/// passed authentication and authorization by then: an upgrade without a valid token never gets here.
/// </summary>
internal sealed class OpenSocketTracking(RequestDelegate next, OpenSockets sockets, ITokenRevocation revocation, ILogger<OpenSocketTracking> logger)
{
    // Not async itself: most requests are no upgrade and go straight on, without a state machine of their own.
    public Task InvokeAsync(HttpContext context) =>
        IsUpgrade(context) && Describe(context) is { } socket ? TrackAsync(context, socket) : next(context);

    private async Task TrackAsync(HttpContext context, OpenSocket socket)
    {
        using var registration = sockets.Add(socket);

        // A revocation applied between the token check and the registration found nothing to close: look once more.
        if (revocation.IsRevoked(socket.TokenId, socket.SessionId, socket.UserId, socket.AuthenticatedAt))
        {
            WebSocketLog.ClosedRevoked(logger, context.Request.Path, socket.UserId);
            context.Abort();
            return;
        }

        await next(context);
    }

    private static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    private static OpenSocket? Describe(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirst(GatewayClaims.TokenId)?.Value is not { } tokenId
            || user.FindFirst(GatewayClaims.Subject)?.Value is not { } userId)
        {
            return null;
        }

        return new OpenSocket(context, tokenId, user.FindFirst(GatewayClaims.SessionId)?.Value, userId,
            GatewayTokenEvents.AuthenticatedAt(user));
    }
}
