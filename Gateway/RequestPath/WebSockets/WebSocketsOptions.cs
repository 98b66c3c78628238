namespace Gateway.RequestPath.WebSockets;

/// <summary>The <c>Gateway:WebSockets</c> section.</summary>
internal sealed class WebSocketsOptions
{
    public const string Section = "WebSockets";

    /// <summary>Whether an open socket ends once its session is logged out or revoked, on this instance or another.</summary>
    public bool CloseOnLogout { get; set; } = true;
}
