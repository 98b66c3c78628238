using Gateway.Administration.Import;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration.Import;

public sealed class LegacyFileTests
{
    private const string TwoUsers = "\n\n{\"username\":\"bob\"}\n{not json\n";

    [Fact]
    public void Read_FileOfExactlyTheLimit_ReadsEveryRecordWithItsLine()
    {
        var path = Write("users.json", TwoUsers);

        var records = LegacyFile.Read(path, maxBytes: new FileInfo(path).Length).ToList();

        Assert.Equal([3, 4], records.Select(record => record.Line));
        Assert.Null(records[0].Problem);
        Assert.NotNull(records[1].Problem);
    }

    [Fact]
    public void Read_FileOneByteOverTheLimit_IsRefusedBeforeReading()
    {
        var path = Write("users.json", TwoUsers);

        var problem = Assert.Throws<UnreadableLegacyFile>(() => LegacyFile.Read(path, maxBytes: new FileInfo(path).Length - 1));

        Assert.StartsWith("users.json is larger than", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CsvAfterBlankLines_CountsLinesFromTheFileStart()
    {
        var path = Write("users.csv", "\r\n\r\nusername,password\r\nbob,x\r\ncarol\r\n");

        var records = LegacyFile.Read(path).ToList();

        Assert.Equal([4, 5], records.Select(record => record.Line));
        Assert.NotNull(records[1].Problem);
    }

    private static string Write(string name, string text)
    {
        var path = Path.Combine(TempFolder.Create("legacy-file"), name);
        File.WriteAllText(path, text);
        return path;
    }
}
