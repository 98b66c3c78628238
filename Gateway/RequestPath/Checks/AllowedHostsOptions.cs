namespace Gateway.RequestPath.Checks;

/// <summary><c>Gateway:AllowedHosts</c>: the Host header values this gateway answers.</summary>
internal sealed class AllowedHostsOptions
{
    /// <summary>Host names without port ("app.example.com", "127.0.0.1", "[::1]"), "*.example.com" for any subdomain, or "*".</summary>
    public string[] AllowedHosts { get; set; } = [];
}
