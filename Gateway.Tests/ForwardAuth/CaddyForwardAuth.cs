using Gateway.Tests.Accounts.Sessions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.ForwardAuth;

/// <summary>
/// A real Caddy with the documented site block (docs/forward-auth/Caddyfile, only its addresses replaced) in front of the
/// sample backend, asking a gateway on a manual clock (ten-minute tokens) that defines the policy <c>admins</c>.
/// </summary>
public sealed class CaddyForwardAuth : IAsyncLifetime
{
    public const string ConfigPath = "docs/forward-auth/Caddyfile";

    public SampleBackendServer Backend { get; private set; } = null!;

    internal SessionGateway Gateway { get; private set; } = null!;

    public CaddyServer Caddy { get; private set; } = null!;

    /// <summary>The documented site block with the test's addresses: the site's host once, the others wherever they are.</summary>
    public static string SiteConfiguration(int listenPort, Uri gateway, Uri backend)
    {
        var text = RepositoryFile.Read(ConfigPath);
        text = ReplaceOnce(text, "app.example.com {", $"http://127.0.0.1:{listenPort} {{");
        text = ReplaceEvery(text, " 127.0.0.1:8080", $" 127.0.0.1:{gateway.Port}");
        return ReplaceEvery(text, " 127.0.0.1:5080", $" 127.0.0.1:{backend.Port}");
    }

    public async Task InitializeAsync()
    {
        Backend = await SampleBackendServer.StartAsync();
        Gateway = await SessionGateway.StartAsync(Backend.Address, ("Gateway:Policies:admins:Roles:0", "admin"));
        var port = ClosedPort.FreePort();
        Caddy = await CaddyServer.StartAsync(port, SiteConfiguration(port, Gateway.Server.Address, Backend.Address));
    }

    public async Task DisposeAsync()
    {
        if (Caddy is not null)
        {
            await Caddy.DisposeAsync();
        }

        await Gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }

    /// <summary>A client of Caddy (not of the gateway) that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient(System.Net.CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new() })
        {
            BaseAddress = Caddy.Address,
        };

    private static string ReplaceOnce(string text, string example, string actual)
    {
        var first = text.IndexOf(example, StringComparison.Ordinal);
        Assert.True(first >= 0 && text.IndexOf(example, first + 1, StringComparison.Ordinal) < 0,
            $"{ConfigPath} should hold \"{example}\" exactly once: the tests put their own address there.");
        return text.Replace(example, actual, StringComparison.Ordinal);
    }

    private static string ReplaceEvery(string text, string example, string actual)
    {
        Assert.True(text.Contains(example, StringComparison.Ordinal),
            $"{ConfigPath} should hold \"{example.Trim()}\": the tests put their own address there.");
        return text.Replace(example, actual, StringComparison.Ordinal);
    }
}
