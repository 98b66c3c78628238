using System.Globalization;

namespace Gateway.Administration.Import;

/// <summary>
/// Reads a legacy export as it streams: CSV when the name ends in .csv or the text does not start with '{', else JSON
/// lines. Every user of a file is checked, then hashed and held until its one transaction, so one file is limited to
/// <see cref="MaxBytes"/>; a larger export is imported in parts.
/// </summary>
internal static class LegacyFile
{
    /// <summary>About half a million users as mongoexport writes them, which take hours to hash.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <param name="maxBytes">The limit; tests choose a small one.</param>
    /// <returns>The records, read as they are enumerated; an <see cref="UnreadableLegacyFile"/> when the file is too large or not an export.</returns>
    public static IEnumerable<LegacyRecord> Read(string path, long maxBytes = MaxBytes)
    {
        if (!File.Exists(path))
        {
            throw new UnreadableLegacyFile($"The file '{path}' does not exist.");
        }

        // A regular file is refused before a byte is read; a pipe or a device has no size, so its stream counts.
        return new FileInfo(path).Length > maxBytes ? throw TooLarge(path, maxBytes) : Records(path, maxBytes);
    }

    private static IEnumerable<LegacyRecord> Records(string path, long maxBytes)
    {
        using var stream = new SizeLimitedStream(File.OpenRead(path), maxBytes, () => TooLarge(path, maxBytes));
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var line = 1;
        while (reader.Peek() is var next && next >= 0 && char.IsWhiteSpace((char)next))
        {
            line += reader.Read() == '\n' ? 1 : 0;
        }

        var first = reader.Peek();
        var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        if (first == '[' && !csv)
        {
            throw new UnreadableLegacyFile(
                $"'{path}' is a JSON array: export without --jsonArray, so that each user is one line and errors can name it.");
        }

        var records = csv || first != '{' ? CsvRecords.Read(reader, line) : JsonLinesRecords.Read(reader, line);
        foreach (var record in records)
        {
            yield return record;
        }
    }

    private static UnreadableLegacyFile TooLarge(string path, long maxBytes)
    {
        var file = Path.GetFileName(path);
        return new UnreadableLegacyFile(string.Create(CultureInfo.InvariantCulture,
            $"{file} is larger than {maxBytes / (1024 * 1024)} MiB, the most one import reads: split it into parts " +
            $"(JSON lines: split -l 200000 {file} part-; CSV: the header row first in each part) and import each part."));
    }
}
