namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Files of <c>Gateway.Tests/TestData</c>: corpora taken from other projects, each with its source and licence beside it
/// (<c>Gateway.Tests/TestData/README.md</c>), kept in the repository so that a clone alone runs every test.
/// </summary>
internal static class TestData
{
    public const string Folder = "Gateway.Tests/TestData";

    public static string FilePath(string fileName) => RepositoryFile.PathOf($"{Folder}/{fileName}");

    public static string[] Lines(string fileName) => File.ReadAllLines(FilePath(fileName));
}
