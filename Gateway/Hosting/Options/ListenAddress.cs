namespace Gateway.Hosting.Options;

/// <summary>
/// Where the gateway listens when nothing says otherwise (no <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> nor Kestrel endpoints): loopback port 8080. Kestrel's own default,
/// <c>http://localhost:5000</c>, is also Flask's, so often the address of the very app the gateway stands in front of.
/// </summary>
internal static class ListenAddress
{
    public const string Default = "http://127.0.0.1:8080";

    /// <summary>The addresses configured for the main listener, as Kestrel reads them: urls, else the ports.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();

    public static IWebHostBuilder UseGatewayListenAddress(this IWebHostBuilder webHost, IConfiguration configuration) =>
        IsConfigured(configuration) ? webHost : webHost.UseUrls(Default);
}
