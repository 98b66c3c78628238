using System.Text;

namespace Gateway.Administration.Import;

/// <summary>
/// CSV with a header row naming the fields (RFC 4180: comma separated, double quotes around a field holding a comma,
/// a quote or a line break, "" for a quote inside), as <c>mongoexport --type=csv --fields=...</c> writes it, nested
/// fields under their dotted names. An empty cell is a missing field.
/// </summary>
internal static class CsvRecords
{
    /// <param name="firstLine">The line the reader is at, counting from 1.</param>
    public static IEnumerable<LegacyRecord> Read(TextReader reader, int firstLine = 1)
    {
        var line = firstLine;
        string[]? header = null;
        while (ReadRow(reader, ref line) is { } row)
        {
            if (row.Fields is null)
            {
                yield return LegacyRecord.Unreadable(row.Line, "a quoted field is never closed.");
                yield break;
            }

            if (row.Fields is [""])
            {
                continue; // A blank line.
            }

            if (header is null)
            {
                header = [.. row.Fields.Select(name => name.Trim())];
                continue;
            }

            if (row.Fields.Count != header.Length)
            {
                yield return LegacyRecord.Unreadable(row.Line,
                    $"{row.Fields.Count} fields where the header row names {header.Length}.");
                continue;
            }

            var fields = new Dictionary<string, LegacyValue>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                fields[header[i]] = row.Fields[i].Length == 0 ? LegacyValue.Missing : new LegacyValue.Text(row.Fields[i]);
            }

            yield return new LegacyRecord(row.Line, fields);
        }
    }

    /// <returns>The next row with the line it starts on; Fields null when a quote is left open; null at the end.</returns>
    private static (int Line, IReadOnlyList<string>? Fields)? ReadRow(TextReader reader, ref int line)
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        var start = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (quoted)
                {
                    return (start, null);
                }

                fields.Add(field.ToString());
                return (start, fields);
            }

            if (quoted)
            {
                if (c == '"' && reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                    line++;
                    fields.Add(field.ToString());
                    return (start, fields);
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }
}
