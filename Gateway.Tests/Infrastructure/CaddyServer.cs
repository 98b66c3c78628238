using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real Caddy (Debian's package), not the system service: its own Caddyfile, with a global options block that turns
/// off the admin endpoint and automatic HTTPS and binds to loopback only, its data and config folders in a temp
/// directory, in the foreground (<c>caddy run</c>), and stopped by its PID. The site block, the part under test, comes
/// from the caller.
/// </summary>
public sealed class CaddyServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/caddy";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);

    // No admin endpoint (its default port would be shared by every Caddy of the test run), no certificates, loopback only.
    private const string GlobalOptions = """
        {
        	admin off
        	auto_https off
        	default_bind 127.0.0.1
        }

        """;

    private readonly StringBuilder _output = new();
    private Process? _process;

    private CaddyServer(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>What Caddy wrote to its standard output and error (its log).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="port">The port <paramref name="site"/> listens on (127.0.0.1).</param>
    /// <param name="site">A site block of the Caddyfile.</param>
    public static async Task<CaddyServer> StartAsync(int port, string site)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"Caddy is not installed ({Binary} is missing), and the forward-auth tests need a real one. Run ./test.sh, " +
                "which installs it, or install it yourself: apt-get install caddy");
        }

        var server = new CaddyServer(port, TempFolder.Create("caddy"));
        await server.StartProcessAsync(site);
        return server;
    }

    public async ValueTask DisposeAsync() => await ServerProcess.StopAsync(_process, Directory);

    private async Task StartProcessAsync(string site)
    {
        var caddyfile = Path.Combine(Directory, "Caddyfile");
        await File.WriteAllTextAsync(caddyfile, GlobalOptions + site);

        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        foreach (var argument in new[] { "run", "--config", caddyfile, "--adapter", "caddyfile" })
        {
            start.ArgumentList.Add(argument);
        }

        // Caddy keeps certificates and an autosaved config under these: in the temp folder, never the user's home.
        start.Environment["HOME"] = Directory;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Directory, "data");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Directory, "config");

        _process = Process.Start(start) ?? throw new InvalidOperationException("Caddy did not start.");
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(_process);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"Caddy exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException(
            $"Caddy did not listen on port {Port.ToString(CultureInfo.InvariantCulture)} within {StartDeadline}:\n{Output}");
    }
}
