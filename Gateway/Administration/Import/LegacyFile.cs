namespace Gateway.Administration.Import;

/// <summary>Reads a legacy export: CSV when the name ends in .csv or the text does not start with '{', else JSON lines.</summary>
internal static class LegacyFile
{
    public static IReadOnlyList<LegacyRecord> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UnreadableLegacyFile($"The file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var first = text.TrimStart().FirstOrDefault();
        if (first == '[' && !path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnreadableLegacyFile(
                $"'{path}' is a JSON array: export without --jsonArray, so that each user is one line and errors can name it.");
        }

        using var lines = new StringReader(text);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || first != '{'
            ? [.. CsvRecords.Read(lines)]
            : [.. JsonLinesRecords.Read(lines)];
    }
}
