using System.Buffers;
using System.Globalization;
using System.Text;

namespace Gateway.Accounts;

/// <summary>
/// Characters that draw nothing yet change what a person reads: controls, format characters (bidirectional overrides
/// and isolates, zero-width spaces and joiners, the byte order mark, tags), line and paragraph separators, private-use
/// and unassigned code points, half surrogate pairs, and the letters Unicode lists as default-ignorable (Hangul
/// fillers and the like). "\u202Enimda" shows as "admin" (Unicode Technical Report #36, section 2.2; CVE-2021-42574).
/// Variation selectors stay allowed: they choose how the character before them is drawn (an emoji's colour form).
/// </summary>
internal static class InvisibleCharacters
{
    /// <summary>The first such character and its position (counting characters from 1), or null when there is none.</summary>
    public static (int CodePoint, int Position)? First(string text)
    {
        var position = 0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            position++;
            var (codePoint, length, invisible) = Next(rest);
            if (invisible)
            {
                return (codePoint, position);
            }

            rest = rest[length..];
        }

        return null;
    }

    /// <summary>The text with each such character written as <c>[U+202E]</c>, so a person sees what is there.</summary>
    public static string Reveal(string text)
    {
        if (First(text) is null)
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var (codePoint, length, invisible) = Next(rest);
            if (invisible)
            {
                shown.Append(CultureInfo.InvariantCulture, $"[{Name(codePoint)}]");
            }
            else
            {
                shown.Append(rest[..length]);
            }

            rest = rest[length..];
        }

        return shown.ToString();
    }

    public static string Name(int codePoint) => string.Create(CultureInfo.InvariantCulture, $"U+{codePoint:X4}");

    private static (int CodePoint, int Length, bool Invisible) Next(ReadOnlySpan<char> text)
    {
        if (Rune.DecodeFromUtf16(text, out var rune, out var length) != OperationStatus.Done)
        {
            // Half a surrogate pair: not a character at all.
            return (text[0], 1, true);
        }

        return (rune.Value, length, IsInvisible(rune));
    }

    private static bool IsInvisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate => true,
        _ => IsIgnorableLetterOrMark(rune.Value),
    };

    // Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties.txt) outside the categories above, but for the
    // variation selectors; and the blank braille pattern, a visible character that draws nothing.
    private static bool IsIgnorableLetterOrMark(int codePoint) => codePoint is 0x034F or 0x115F or 0x1160 or 0x17B4
        or 0x17B5 or (>= 0x180B and <= 0x180D) or 0x180F or 0x2800 or 0x3164 or 0xFFA0;
}
