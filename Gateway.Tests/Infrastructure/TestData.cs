namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Files of the shared test-data folder. The repository is cloned with <c>shared/</c> beside it, so the folder is
/// found by walking up from the test binaries to a directory that holds <c>shared/testdata</c>.
/// </summary>
internal static class TestData
{
    public static string FilePath(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "testdata", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail(
            $"Test data file shared/testdata/{fileName} not found in any folder above {AppContext.BaseDirectory}. " +
            "Clone the shared folder beside the repository (for example /work/main and /work/shared).");
        return null!;
    }

    public static string[] Lines(string fileName) => File.ReadAllLines(FilePath(fileName));
}
