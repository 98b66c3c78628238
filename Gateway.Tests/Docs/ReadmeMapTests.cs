using System.Text.RegularExpressions;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Docs;

/// <summary>The README's map names every folder of the gateway, and only folders that exist.</summary>
public sealed partial class ReadmeMapTests
{
    // Content, not code: templates and assets are embedded resources of Pages/.
    private static readonly string[] ContentFolders = ["Pages/Templates", "Pages/Assets"];

    [Fact]
    public void ReadmeMap_EveryGatewayFolder_IsNamed()
    {
        var (gateway, rows) = MapRows();
        var missing = CodeFolders(gateway).Where(folder => !rows.Any(row => Names(row, folder))).ToList();

        Assert.True(missing.Count == 0, $"README.md's map does not name: {string.Join(", ", missing)}");
    }

    [Fact]
    public void ReadmeMap_EveryNamedFolder_Exists()
    {
        var (gateway, rows) = MapRows();
        var absent = new List<string>();
        foreach (var row in rows)
        {
            var cells = row.Split('|');
            var tops = FolderNames().Matches(cells[1]).Select(match => match.Groups[1].Value).ToList();
            absent.AddRange(tops.Where(top => !Directory.Exists(Path.Combine(gateway, top))));
            absent.AddRange(FolderNames().Matches(cells[2]).Select(match => match.Groups[1].Value)
                .Where(sub => !tops.Any(top => Directory.Exists(Path.Combine(gateway, top, sub)))));
        }

        Assert.True(absent.Count == 0, $"README.md's map names folders that do not exist: {string.Join(", ", absent)}");
    }

    /// <summary>The folder table's rows, one capability each: the first cell names the folders, the second their parts.</summary>
    private static (string Gateway, List<string> Rows) MapRows()
    {
        var readme = RepositoryFile.Read("README.md");
        var map = readme[readme.IndexOf("## Map", StringComparison.Ordinal)..];
        var folderTable = map[map.IndexOf("| Folder |", StringComparison.Ordinal)..];
        var rows = folderTable.Split('\n').Skip(2).TakeWhile(line => line.StartsWith('|')).ToList();
        var gateway = Path.GetDirectoryName(RepositoryFile.PathOf("Gateway/Gateway.csproj"))!;
        return (gateway, rows);
    }

    private static IEnumerable<string> CodeFolders(string gateway) =>
        Directory.EnumerateDirectories(gateway, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(gateway, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin", StringComparison.Ordinal) && !path.StartsWith("obj", StringComparison.Ordinal)
                && !path.StartsWith("Properties", StringComparison.Ordinal) && !ContentFolders.Any(path.StartsWith))
            .Where(path => Directory.EnumerateFiles(Path.Combine(gateway, path), "*.cs", SearchOption.AllDirectories).Any());

    /// <summary>A row names Accounts/SignIn when its first cell names Accounts/ and the row names SignIn/.</summary>
    private static bool Names(string row, string folder)
    {
        var parts = folder.Split('/');
        var top = row.Split('|')[1];
        return top.Contains($"`{parts[0]}/`", StringComparison.Ordinal)
            && parts.Skip(1).All(part => row.Contains($"`{part}/`", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"`([A-Za-z]+)/`")]
    private static partial Regex FolderNames();
}
