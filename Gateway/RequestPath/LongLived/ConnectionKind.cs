namespace Gateway.RequestPath.LongLived;

/// <summary>The responses that stay open for as long as the backend keeps sending: what ends with the session.</summary>
internal enum ConnectionKind
{
    /// <summary>A proxied upgrade (HTTP/1.1 Upgrade, RFC 6455 section 4; HTTP/2 extended CONNECT, RFC 8441) the backend accepted.</summary>
    WebSocket,

    /// <summary>A response of type <c>text/event-stream</c> (HTML Living Standard, section 9.2, server-sent events).</summary>
    EventStream,
}
