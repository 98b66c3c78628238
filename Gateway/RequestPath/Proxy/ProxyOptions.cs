using System.ComponentModel.DataAnnotations;

namespace Gateway.RequestPath.Proxy;

/// <summary>The <c>Gateway:Proxy</c> section.</summary>
internal sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>How long a backend may stay silent before the gateway answers 504; a cluster's own HttpRequest.ActivityTimeout wins.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Gateway:Proxy:Timeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
