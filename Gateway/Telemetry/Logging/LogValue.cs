using System.Buffers;
using System.Globalization;
using System.Text;

namespace Gateway.Telemetry.Logging;

/// <summary>
/// Makes a client-supplied value safe to put in a text log line (log forging, CWE-117). Like nginx's access log, each
/// control character becomes <c>\xHH</c>: C0 controls, DEL and C1 controls (NEL U+0085 included). The backslash
/// itself becomes <c>\x5C</c>, so a client cannot type a "\x0D" that reads like an escaped one. Unicode line and
/// paragraph separators and the bidirectional overrides ("Trojan Source", CVE-2021-42574) become <c>\uHHHH</c>, since
/// they too can make a line read as something else. Other text, "Zoë" included, stays readable.
/// </summary>
internal static class LogValue
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\\\u007F" +
        "\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u061C\u200E\u200F\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <returns>The same instance when nothing needs escaping, which is nearly always.</returns>
    public static string Escape(string value)
    {
        var first = value.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16).Append(value, 0, first);
        foreach (var c in value.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
            {
                escaped.Append(c);
            }
            else if (c <= '\u00FF')
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return escaped.ToString();
    }
}
