using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real nginx (Debian's package), not the system service: its own main configuration, prefix, pid file, logs and temp
/// folders in a temp directory, in the foreground (<c>daemon off</c>), listening on a free loopback port, and stopped
/// by its master's PID. The site configuration, the part under test, comes from the caller.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(15);

    private Process? _process;

    private NginxServer(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public string ErrorLog => File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : "(no error log)";

    private string ErrorLogPath => Path.Combine(Directory, "error.log");

    /// <param name="port">The port <paramref name="site"/> listens on (127.0.0.1).</param>
    /// <param name="site">What goes in the http block: upstreams and a server.</param>
    public static async Task<NginxServer> StartAsync(int port, string site)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"nginx is not installed ({Binary} is missing), and the forward-auth tests need a real one. Run ./test.sh, " +
                "which installs it, or install it yourself: apt-get install nginx");
        }

        var server = new NginxServer(port, TempFolder.Create("nginx"));
        await server.StartProcessAsync(site);
        return server;
    }

    public async ValueTask DisposeAsync() => await ServerProcess.StopAsync(_process, Directory);

    private async Task StartProcessAsync(string site)
    {
        var sitePath = Path.Combine(Directory, "site.conf");
        var mainPath = Path.Combine(Directory, "nginx.conf");
        await File.WriteAllTextAsync(sitePath, site);
        await File.WriteAllTextAsync(mainPath, MainConfiguration(sitePath));

        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory,
        };
        foreach (var argument in new[] { "-p", Directory + "/", "-e", ErrorLogPath, "-c", mainPath })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(_process);
    }

    private string MainConfiguration(string sitePath)
    {
        string[] temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];
        foreach (var folder in temp)
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder));
        }

        // As root, nginx would hand its workers to "nobody", who cannot write in this folder.
        var user = Environment.UserName == "root" ? "user root;" : "";
        return $$"""
            {{user}}
            worker_processes 1;
            daemon off;
            pid {{Path.Combine(Directory, "nginx.pid")}};
            error_log {{ErrorLogPath}} warn;
            events { worker_connections 256; }
            http {
                access_log {{Path.Combine(Directory, "access.log")}};
            {{string.Concat(temp.Select(folder => $"    {folder}_temp_path {Path.Combine(Directory, folder)};\n"))}}
                include {{sitePath}};
            }
            """;
    }

    private async Task WaitUntilListeningAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {process.ExitCode}:\n{ErrorLog}");
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
            $"nginx did not listen on port {Port.ToString(CultureInfo.InvariantCulture)} within {StartDeadline}:\n{ErrorLog}");
    }
}
