using System.Buffers;
using Gateway.RequestPath.Token;
using Microsoft.Extensions.Primitives;

namespace Gateway.RequestPath.Identity;

/// <summary>Removes named cookies, in any case, from a request's Cookie headers.</summary>
internal static class CookieHeader
{
    private const int StackLimit = 512;

    /// <summary>
    /// The other pairs of every Cookie header as one value joined with "; " (RFC 6265 section 5.4, RFC 9113 section
    /// 8.2.3). Names match ignoring case: the gateway reads only its exact names, but a backend might not, and a tossed
    /// GATEWAY_TOKEN is nothing a backend should see.
    /// </summary>
    public static string Without(StringValues headers, IReadOnlyList<string> names)
    {
        // Each kept pair costs at most its own length plus "; ", and a header of n characters holds at most n pairs.
        var bound = 0;
        foreach (var header in headers)
        {
            bound += 3 * (header?.Length ?? 0);
        }

        char[]? rented = null;
        var buffer = bound <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(bound));
        var written = 0;
        var pairs = new CookiePairs(headers);
        while (pairs.MoveNext())
        {
            if (IsNamed(pairs.Name, names))
            {
                continue;
            }

            if (written > 0)
            {
                "; ".CopyTo(buffer[written..]);
                written += 2;
            }

            pairs.Pair.CopyTo(buffer[written..]);
            written += pairs.Pair.Length;
        }

        var kept = new string(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return kept;
    }

    public static bool MayContain(string header, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (header.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNamed(ReadOnlySpan<char> name, IReadOnlyList<string> names)
    {
        foreach (var candidate in names)
        {
            if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
