namespace Gateway.Hosting.TrustedProxies;

/// <summary>
/// The <c>Gateway:ForwardedHeaders</c> section: the load balancers whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. Both empty (the default): nobody's are.
/// </summary>
internal sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c> or <c>fd00::5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/8</c> or <c>fd00::/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Enabled => Proxies().Any() || Networks().Any();

    /// <summary>The entries that parse; the validator has refused to start with any other.</summary>
    public IEnumerable<System.Net.IPAddress> Proxies() =>
        Entries(KnownProxies).Select(entry => System.Net.IPAddress.TryParse(entry, out var address) ? address : null).OfType<System.Net.IPAddress>();

    public IEnumerable<System.Net.IPNetwork> Networks() =>
        Entries(KnownNetworks).Select(entry => System.Net.IPNetwork.TryParse(entry, out var network) ? network : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>();

    // An environment variable set to nothing binds as an empty entry: skipped, not an error.
    internal static IEnumerable<string> Entries(string?[] list) =>
        list.Where(entry => !string.IsNullOrWhiteSpace(entry)).Select(entry => entry!.Trim());
}
