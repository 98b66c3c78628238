namespace Gateway.Configuration;

/// <summary>
/// Makes sure the data folder (users.db, keys/, the development key) exists and can be written, before anything opens
/// it: a folder that cannot be used stops start-up with one line naming it, not with whichever stack trace the first
/// component to touch it would throw.
/// </summary>
internal static class DataFolder
{
    public static void EnsureWritable(IConfiguration configuration)
    {
        var configured = configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.DataPath)}"]
            ?? new GatewayOptions().DataPath;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return; // Options validation names the empty setting.
        }

        var folder = Path.GetFullPath(configured);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);

            var users = Path.Combine(folder, Users.SqliteUserStore.FileName);
            if (File.Exists(users))
            {
                using var _ = File.Open(users, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GatewayStartupException(
                $"The data folder '{folder}' cannot be written: {ex.Message} Make it a folder this user can write, " +
                "or point Gateway:DataPath (Gateway__DataPath) at one.");
        }
    }
}
