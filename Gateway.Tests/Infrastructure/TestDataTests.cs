namespace Gateway.Tests.Infrastructure;

/// <summary>A clone of the repository alone runs every test: the data files the tests read are part of it.</summary>
public sealed class TestDataTests
{
    [Fact]
    public void OpenRedirectCorpus_FreshClone_IsReadFromInsideTheRepository()
    {
        var repository = Path.GetDirectoryName(RepositoryFile.PathOf("Gateway.sln"))! + Path.DirectorySeparatorChar;

        var corpus = Path.GetFullPath(TestData.FilePath("openredirects.txt"));

        Assert.StartsWith(repository, corpus, StringComparison.Ordinal);
    }
}
