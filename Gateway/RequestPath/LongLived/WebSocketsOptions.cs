namespace Gateway.RequestPath.LongLived;

/// <summary>The <c>Gateway:WebSockets</c> section, named when WebSockets were the only long-lived responses tracked.</summary>
internal sealed class WebSocketsOptions
{
    public const string Section = "WebSockets";

    /// <summary>
    /// Whether an open WebSocket or event stream ends once its session is logged out or revoked, on this instance or
    /// another, or the token it was opened with expires.
    /// </summary>
    public bool CloseOnLogout { get; set; } = true;
}
