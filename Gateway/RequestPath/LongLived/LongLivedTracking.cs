using Gateway.Revocation;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.RequestPath.LongLived;

/// <summary>
/// Records a signed-in user's WebSocket or event stream once the backend has accepted it, for as long as YARP relays
/// it, so it ends with its session (<see cref="RevokedConnectionCloser"/>) or its token (<see cref="OpenConnections"/>).
/// A response transform because only the backend's answer tells an event stream apart, and so an upgrade the backend
/// declines is never tracked. The request has passed authentication and authorization by then.
/// </summary>
internal sealed class LongLivedTracking(OpenConnections connections, ITokenRevocation revocation, ILogger<LongLivedTracking> logger)
    : ResponseTransform
{
    private const string EventStream = "text/event-stream";

    public override ValueTask ApplyAsync(ResponseTransformContext context)
    {
        var http = context.HttpContext;
        if (context.ProxyResponse is not { } response || KindOf(http, (int)response.StatusCode) is not { } kind
            || OpenConnection.Of(http, kind) is not { } connection)
        {
            return ValueTask.CompletedTask;
        }

        // Ended when the request is: after YARP has relayed the last byte either way.
        http.Response.RegisterForDispose(connections.Add(connection));

        // A revocation applied between the token check and the registration found nothing to close: look once more.
        if (revocation.IsRevoked(connection.TokenId, connection.SessionId, connection.UserId, connection.AuthenticatedAt))
        {
            LongLivedLog.ClosedRevoked(logger, kind, connection.Path, connection.UserId);
            http.Abort();
        }

        return ValueTask.CompletedTask;
    }

    private static ConnectionKind? KindOf(HttpContext http, int status)
    {
        if (IsAcceptedUpgrade(http, status))
        {
            return ConnectionKind.WebSocket;
        }

        // Copied from the backend's response before the transforms run; a string compare, nothing parsed.
        return http.Response.ContentType is { } type && type.StartsWith(EventStream, StringComparison.OrdinalIgnoreCase)
            ? ConnectionKind.EventStream
            : null;
    }

    // An HTTP/1.1 backend accepts with 101; over HTTP/2 an extended CONNECT is accepted with 200, which YARP also
    // answers when it sent the upgrade on to an HTTP/1.1 backend that switched protocols.
    private static bool IsAcceptedUpgrade(HttpContext http, int status) =>
        status == StatusCodes.Status101SwitchingProtocols
            ? http.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
              || http.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true
            : status == StatusCodes.Status200OK && http.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
}
