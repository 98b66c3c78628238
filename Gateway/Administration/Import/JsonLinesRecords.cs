using System.Globalization;
using System.Text.Json;

namespace Gateway.Administration.Import;

/// <summary>
/// One JSON document per line, as <c>mongoexport</c> writes by default. Nested documents are flattened to dotted paths,
/// and MongoDB's Extended JSON wrappers are read as the value they wrap: <c>{"$oid":"..."}</c>, <c>{"$numberInt":"1"}</c>
/// and the like (https://www.mongodb.com/docs/manual/reference/mongodb-extended-json/), in relaxed and canonical mode.
/// </summary>
internal static class JsonLinesRecords
{
    /// <param name="firstLine">The line the reader is at, counting from 1.</param>
    public static IEnumerable<LegacyRecord> Read(TextReader reader, int firstLine = 1)
    {
        var number = firstLine - 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(number, line);
        }
    }

    private static LegacyRecord Parse(int number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return LegacyRecord.Unreadable(number, "not a JSON object (mongoexport writes one document per line).");
            }

            var fields = new Dictionary<string, LegacyValue>(StringComparer.Ordinal);
            Flatten(document.RootElement, "", fields);
            return new LegacyRecord(number, fields);
        }
        catch (JsonException ex)
        {
            // The position only: the parser's message can quote the line, and the line may hold a password digest.
            return LegacyRecord.Unreadable(number, string.Create(CultureInfo.InvariantCulture,
                $"not valid JSON (at character {(ex.BytePositionInLine ?? 0) + 1})."));
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, LegacyValue> fields)
    {
        foreach (var property in element.EnumerateObject())
        {
            var path = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object && Unwrap(property.Value) is null)
            {
                fields[path] = new LegacyValue.Other("a document");
                Flatten(property.Value, path + ".", fields);
            }
            else
            {
                fields[path] = Value(property.Value);
            }
        }
    }

    private static LegacyValue Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new LegacyValue.Text(element.GetString()!),
        JsonValueKind.Number => new LegacyValue.Text(element.GetRawText()),
        JsonValueKind.True => new LegacyValue.Flag(true),
        JsonValueKind.False => new LegacyValue.Flag(false),
        JsonValueKind.Null or JsonValueKind.Undefined => LegacyValue.Missing,
        JsonValueKind.Array => new LegacyValue.Items([.. element.EnumerateArray().Select(Value)]),
        _ => Unwrap(element) is { } wrapped ? Value(wrapped) : new LegacyValue.Other("a document"),
    };

    /// <summary>The value inside an Extended JSON wrapper: one member whose name starts with '$'; null for a document.</summary>
    private static JsonElement? Unwrap(JsonElement element)
    {
        using var members = element.EnumerateObject();
        if (!members.MoveNext())
        {
            return null;
        }

        var only = members.Current;
        return !members.MoveNext() && only.Name.StartsWith('$') && only.Name.Length > 1 ? only.Value : null;
    }
}
