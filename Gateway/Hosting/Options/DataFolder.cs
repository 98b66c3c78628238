using Microsoft.Extensions.Options;

namespace Gateway.Hosting.Options;

/// <summary>
/// Gateway:DataPath holds password hashes, data-protection keys and maybe the development signing key, so on Unix
/// what the gateway creates there is for its own user only: folders 0700, files 0600, whatever the umask.
/// </summary>
internal sealed partial class DataFolder(IOptions<GatewayOptions> options, ILogger<DataFolder> logger)
{
    /// <summary>The SQLite user store's file, when the store is SQLite.</summary>
    public const string UsersDatabase = "users.db";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers = ~OwnerOnlyFolder & (UnixFileMode)0x1FF;

    private readonly Lazy<string> _path = new(() => Create(options.Value.FullDataPath, logger));

    /// <summary>
    /// Makes sure the data folder exists and can be written before anything opens it: a folder that cannot be used
    /// stops start-up with one line naming it, not with whichever stack trace the first component to touch it throws.
    /// </summary>
    public static void EnsureWritable(IConfiguration configuration)
    {
        var configured = configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.DataPath)}"]
            ?? new GatewayOptions().DataPath;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return; // Options validation names the empty setting.
        }

        var folder = System.IO.Path.GetFullPath(configured);
        try
        {
            if (!Directory.Exists(folder))
            {
                CreateOwnerOnly(folder);
            }

            var probe = System.IO.Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            System.IO.File.WriteAllBytes(probe, []);
            System.IO.File.Delete(probe);

            var users = System.IO.Path.Combine(folder, UsersDatabase);
            if (System.IO.File.Exists(users))
            {
                using var _ = System.IO.File.Open(users, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GatewayStartupException(
                $"The data folder '{folder}' cannot be written: {ex.Message} Make it a folder this user can write, " +
                "or point Gateway:DataPath (Gateway__DataPath) at one.");
        }
    }

    /// <summary>The data folder, created on first use.</summary>
    public string Path => _path.Value;

    /// <summary>A folder inside the data folder, created owner-only when missing.</summary>
    public string Subfolder(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        CreateOwnerOnly(path);
        return path;
    }

    /// <summary>
    /// A file inside the data folder, created empty and owner-only when missing, so that whatever writes it next
    /// (SQLite, which gives its -wal and -shm files the database's mode) never makes it readable by others first.
    /// </summary>
    public string File(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        if (OperatingSystem.IsWindows() || System.IO.File.Exists(path))
        {
            return path;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
        catch (IOException) when (System.IO.File.Exists(path))
        {
            // Another replica sharing the folder created it first.
        }

        return path;
    }

    /// <summary>Takes group and others' access away from a file the gateway wrote with the default mode.</summary>
    public static void RestrictToOwner(string file)
    {
        if (!OperatingSystem.IsWindows() && (System.IO.File.GetUnixFileMode(file) & GroupOrOthers) != 0)
        {
            System.IO.File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }

    private static string Create(string path, ILogger logger)
    {
        if (!OperatingSystem.IsWindows() && Directory.Exists(path))
        {
            // An existing folder is left as the operator made it (replicas may share it through a group), but said.
            var mode = System.IO.File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                OpenToOthers(logger, path, Convert.ToString((int)mode, 8));
            }

            return path;
        }

        CreateOwnerOnly(path);
        return path;
    }

    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "The data folder {DataPath} (mode {Mode}) is open to other users; it holds password hashes and keys: chmod 700 it")]
    private static partial void OpenToOthers(ILogger logger, string dataPath, string mode);
}
