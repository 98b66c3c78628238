using Microsoft.Extensions.Primitives;

namespace Gateway.RequestPath.Token;

/// <summary>
/// The name=value pairs of every Cookie header of a request, in order, without allocating. RFC 6265 section 5.4 joins
/// pairs with "; "; HTTP/2 may split them over several Cookie fields (RFC 9113 section 8.2.3), HTTP/1.1 clients may send
/// several headers too, so each value is split on ";" and never on ",".
/// </summary>
internal ref struct CookiePairs(StringValues headers)
{
    private int _index = -1;
    private ReadOnlySpan<char> _rest;

    /// <summary>The pair as sent, trimmed.</summary>
    public ReadOnlySpan<char> Pair { get; private set; }

    /// <summary>The name; the whole pair when it has no "=".</summary>
    public ReadOnlySpan<char> Name { get; private set; }

    /// <summary>The value, surrounding DQUOTEs removed (RFC 6265 section 4.1.1).</summary>
    public ReadOnlySpan<char> Value { get; private set; }

    /// <summary>
    /// False for a pair without "=": RFC 6265bis section 5.7 reads "abc" as a nameless cookie whose value is "abc",
    /// so it must not count as a cookie named "abc".
    /// </summary>
    public bool HasName { get; private set; }

    public bool MoveNext()
    {
        while (true)
        {
            while (_rest.IsEmpty)
            {
                if (++_index >= headers.Count)
                {
                    return false;
                }

                _rest = headers[_index].AsSpan();
            }

            var end = _rest.IndexOf(';');
            var pair = (end < 0 ? _rest : _rest[..end]).Trim();
            _rest = end < 0 ? default : _rest[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            Pair = pair;
            HasName = equals >= 0;
            Name = equals < 0 ? pair : pair[..equals].TrimEnd();
            var value = equals < 0 ? default : pair[(equals + 1)..].TrimStart();
            Value = value is ['"', .. var quoted, '"'] ? quoted : value;
            return true;
        }
    }
}
