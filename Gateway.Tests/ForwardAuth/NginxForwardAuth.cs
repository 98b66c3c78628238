using Gateway.Tests.Accounts.Sessions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.ForwardAuth;

/// <summary>
/// A real nginx with the documented configuration (docs/forward-auth/nginx.conf, only its addresses replaced) in front of
/// the sample backend, asking a gateway on a manual clock (ten-minute tokens) that defines the policy <c>admins</c>.
/// </summary>
public sealed class NginxForwardAuth : IAsyncLifetime
{
    public const string ConfigPath = "docs/forward-auth/nginx.conf";

    public SampleBackendServer Backend { get; private set; } = null!;

    internal SessionGateway Gateway { get; private set; } = null!;

    public NginxServer Nginx { get; private set; } = null!;

    /// <summary>The documented configuration with the test's addresses: each example address must be there exactly once.</summary>
    public static string SiteConfiguration(int listenPort, Uri gateway, Uri backend)
    {
        var text = RepositoryFile.Read(ConfigPath);
        text = ReplaceOnce(text, "server 127.0.0.1:8080;", $"server 127.0.0.1:{gateway.Port};");
        text = ReplaceOnce(text, "server 127.0.0.1:5080;", $"server 127.0.0.1:{backend.Port};");
        return ReplaceOnce(text, "listen 80;", $"listen 127.0.0.1:{listenPort};");
    }

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        Gateway = await SessionGateway.StartAsync(Backend.Address, ("Gateway:Policies:admins:Roles:0", "admin"));
        var port = ClosedPort.FreePort();
        Nginx = await NginxServer.StartAsync(port, SiteConfiguration(port, Gateway.Server.Address, Backend.Address));
    }

    public async Task DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }

    /// <summary>A client of nginx (not of the gateway) that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient(System.Net.CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new() })
        {
            BaseAddress = Nginx.Address,
        };

    private static string ReplaceOnce(string text, string example, string actual)
    {
        var first = text.IndexOf(example, StringComparison.Ordinal);
        Assert.True(first >= 0 && text.IndexOf(example, first + 1, StringComparison.Ordinal) < 0,
            $"{ConfigPath} should hold \"{example}\" exactly once: the tests put their own address there.");
        return text.Replace(example, actual, StringComparison.Ordinal);
    }
}
