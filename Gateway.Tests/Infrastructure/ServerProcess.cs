using System.Diagnostics;
using System.Globalization;

namespace Gateway.Tests.Infrastructure;

/// <summary>Stopping a front proxy a test started (nginx, Caddy), by its PID, and removing its temp folder.</summary>
internal static class ServerProcess
{
    /// <summary>TERM first, so the server closes its listeners and stops its workers; Kill only if that did not work.</summary>
    public static async Task StopAsync(Process? process, string directory)
    {
        if (process is not null)
        {
            if (!process.HasExited && !await TerminateAsync(process.Id))
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task<bool> TerminateAsync(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(CultureInfo.InvariantCulture) } });
        if (kill is null)
        {
            return false;
        }

        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }
}
