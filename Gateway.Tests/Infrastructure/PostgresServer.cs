using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) in its own temp folder, on a free loopback port, with
/// durability off for speed. PostgreSQL refuses to run as root, so as root initdb, pg_ctl and postgres run as
/// <c>nobody</c>, which owns the folder. Stopped with <c>pg_ctl stop -m immediate</c> (or by its PID) on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string UnprivilegedUser = "nobody";

    private readonly string _bin;

    private PostgresServer(string bin, int port, string directory)
    {
        _bin = bin;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    /// <summary>The temp folder: <c>data</c> (the cluster), <c>server.log</c> and the Unix socket.</summary>
    public string Directory { get; }

    private string DataDirectory => Path.Combine(Directory, "data");

    private string LogFile => Path.Combine(Directory, "server.log");

    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer(LocateBin(), ClosedPort.FreePort(), TempFolder.Create("postgres"));
        try
        {
            await server.InitAndStartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> (trust authentication on loopback).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        // Each test's database gets its own pool; idle connections should not pile up against max_connections.
        ConnectionIdleLifetime = 10,
    }.ToString();

    /// <summary>A new, empty database with a random name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var stop = await RunAsync("pg_ctl", "stop", "-D", DataDirectory, "-m", "immediate", "-w");
            if (stop.ExitCode != 0)
            {
                KillByPid();
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task InitAndStartAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            await ChownAsync(Directory);
        }

        var init = await RunAsync(
            "initdb", "-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed with exit code {init.ExitCode}:\n{init.Output}");
        }

        var options = string.Join(' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-k {Directory}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=300");
        var start = await RunAsync("pg_ctl", "start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", options);
        if (start.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no server log)";
            throw new InvalidOperationException($"pg_ctl start failed with exit code {start.ExitCode}:\n{start.Output}\n{log}");
        }
    }

    private void KillByPid()
    {
        try
        {
            var pid = int.Parse(
                File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            using var postmaster = Process.GetProcessById(pid);
            postmaster.Kill(entireProcessTree: true);
            postmaster.WaitForExit();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or FormatException)
        {
            // Already gone.
        }
    }

    /// <summary>Runs one of PostgreSQL's programs, as <c>nobody</c> when this process is root.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(_bin, program);
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", UnprivilegedUser, "--", path } }
            : new ProcessStartInfo(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Directory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static async Task ChownAsync(string directory)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown")
        {
            ArgumentList = { $"{UnprivilegedUser}:", directory },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("chown did not start.");
        await chown.WaitForExitAsync();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {UnprivilegedUser} {directory} failed with exit code {chown.ExitCode}.");
        }
    }

    /// <summary>The folder holding initdb and pg_ctl: on the PATH, else Debian's newest /usr/lib/postgresql/N/bin.</summary>
    private static string LocateBin()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")));
        if (onPath is not null)
        {
            // A symlink (as in /usr/local/bin): run the real binaries, so pg_ctl finds the postgres beside it.
            var real = new FileInfo(Path.Combine(onPath, "initdb")).ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetDirectoryName(target.FullName) : null;
            return real is not null && File.Exists(Path.Combine(real, "postgres")) ? real : onPath;
        }

        const string Debian = "/usr/lib/postgresql";
        var versioned = System.IO.Directory.Exists(Debian)
            ? System.IO.Directory.GetDirectories(Debian)
                .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), out var v) ? v : -1))
                .Where(entry => entry.Version >= 0 && File.Exists(Path.Combine(entry.Folder, "bin", "initdb")))
                .OrderByDescending(entry => entry.Version)
                .Select(entry => Path.Combine(entry.Folder, "bin"))
                .FirstOrDefault()
            : null;
        return versioned ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no initdb on the PATH or in /usr/lib/postgresql/*/bin), and the PostgreSQL " +
            "tests need a real server. Run ./test.sh, which installs it, or install it yourself: apt-get install postgresql");
    }

}
