using System.Runtime.InteropServices;

namespace Gateway.Accounts;

/// <summary>
/// Lowers the calling thread's scheduling priority (Linux nice value), so the kernel runs request-serving threads first
/// when both want a core. .NET does not map <see cref="Thread.Priority"/> to anything on Linux, hence setpriority(2).
/// </summary>
internal static partial class LowPriority
{
    private const int PrioProcess = 0;

    /// <summary>Niceness 10 of 19: still runs on an idle machine, yields under load. Needs no privilege.</summary>
    private const int Niceness = 10;

    /// <returns>False where the platform has no such call; the thread then keeps its normal priority.</returns>
    public static bool ApplyToCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // On Linux, PRIO_PROCESS with a thread id affects that thread only.
            return SetPriority(PrioProcess, GetThreadId(), Niceness) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int GetThreadId();
}
