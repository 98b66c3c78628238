namespace Gateway.Administration.Import;

/// <summary>
/// One user of a legacy export: its fields by name, nested ones by dotted path (<c>profile.nick</c>, as mongoexport
/// names CSV columns), or the reason it could not be read.
/// </summary>
/// <param name="Line">The line it starts on, counting from 1, for messages.</param>
internal sealed record LegacyRecord(int Line, IReadOnlyDictionary<string, LegacyValue> Fields, string? Problem = null)
{
    public static LegacyRecord Unreadable(int line, string problem) => new(line, new Dictionary<string, LegacyValue>(), problem);

    public LegacyValue this[string field] => Fields.TryGetValue(field, out var value) ? value : LegacyValue.Missing;
}
