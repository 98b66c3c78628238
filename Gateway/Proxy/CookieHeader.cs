namespace Gateway.Proxy;

/// <summary>Removes named cookies from a Cookie header value (RFC 6265 section 4.2: pairs separated by "; ").</summary>
internal static class CookieHeader
{
    public static string Without(string header, IReadOnlyList<string> names)
    {
        var kept = new List<string>();
        foreach (var pair in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = (equals < 0 ? pair : pair[..equals]).Trim();
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                kept.Add(pair);
            }
        }

        return string.Join("; ", kept);
    }

    public static bool MayContain(string header, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (header.Contains(name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
