namespace Gateway.Tests.Infrastructure;

/// <summary>A file of this repository (the README, a documented configuration), found by walking up from the test binaries.</summary>
internal static class RepositoryFile
{
    public static string PathOf(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No {relativePath} in the repository above {AppContext.BaseDirectory}.");
    }

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}
