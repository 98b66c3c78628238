using Gateway.Hosting.Options;
using Microsoft.Win32.SafeHandles;

namespace Gateway.RequestPath.Assertions;

/// <summary>
/// Who else may use the assertion key file: whoever can read it signs identities of every user for every backend that
/// verifies them, whoever can write it swaps the key. Open to other users (any account on the machine): refused at
/// start-up, as ssh and PostgreSQL refuse such private keys, since nobody else has any business with it. Open to the
/// group: a warning, since replicas or a secrets agent may share a key through a group on purpose.
/// </summary>
internal static partial class KeyFileAccess
{
    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
    private const UnixFileMode Group = UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <param name="file">The file as opened, so a symbolic link (a Kubernetes secret volume's) counts for its target.</param>
    public static void Check(SafeFileHandle file, string path, string what, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(file);
        var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
        if ((mode & Others) != 0)
        {
            throw new GatewayStartupException(
                $"{what} '{path}' (mode {octal}) is open to every user of this machine, and with it anyone can sign " +
                $"identities for every backend that verifies them. Make it the gateway's own: chmod 600 '{path}' " +
                "(in Kubernetes, give the secret volume defaultMode: 0400).");
        }

        if ((mode & Group) != 0)
        {
            OpenToGroup(logger, path, octal);
        }
    }

    [LoggerMessage(EventId = 5312, Level = LogLevel.Warning,
        Message = "The assertion key {KeyPath} (mode {Mode}) is open to its group; whoever can read it signs identities " +
                  "for every backend that verifies them: chmod 600 it unless the group is meant to share it")]
    private static partial void OpenToGroup(ILogger logger, string keyPath, string mode);
}
