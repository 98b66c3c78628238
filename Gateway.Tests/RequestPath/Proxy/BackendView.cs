namespace Gateway.Tests.RequestPath.Proxy;

/// <summary>
/// How the most eager backend could read a path it received: percent-decoded until stable (so %2F and %5C are
/// slashes), "\" as "/", ";parameters" dropped from segments (servlet containers), then dot segments resolved.
/// </summary>
internal static class BackendView
{
    public static string Normalise(string path)
    {
        var decoded = path;
        for (var i = 0; i < 5; i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }

            decoded = next;
        }

        var segments = new List<string>();
        foreach (var raw in decoded.Replace('\\', '/').Split('/'))
        {
            var segment = raw.Split(';')[0];
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    continue;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return "/" + string.Join('/', segments);
    }

    public static bool IsUnderPublic(string normalisedPath) =>
        normalisedPath.StartsWith("/public/", StringComparison.OrdinalIgnoreCase)
        || normalisedPath.Equals("/public", StringComparison.OrdinalIgnoreCase);
}
