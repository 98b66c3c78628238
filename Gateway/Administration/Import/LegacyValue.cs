namespace Gateway.Administration.Import;

/// <summary>One field of a legacy record, as JSON lines or CSV give it.</summary>
internal abstract record LegacyValue
{
    public static readonly LegacyValue Missing = new Absent();

    /// <summary>No such field, a JSON null, or an empty CSV cell.</summary>
    public sealed record Absent : LegacyValue;

    /// <summary>A string or a number, as written (numbers keep their digits: <c>1</c> reads as "1").</summary>
    public sealed record Text(string Value) : LegacyValue;

    public sealed record Flag(bool Value) : LegacyValue;

    public sealed record Items(IReadOnlyList<LegacyValue> Values) : LegacyValue;

    /// <summary>Something no field of a user can be, such as a nested object; <paramref name="Kind"/> names it.</summary>
    public sealed record Other(string Kind) : LegacyValue;
}
