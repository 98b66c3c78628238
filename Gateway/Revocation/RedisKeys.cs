using System.Globalization;
using Gateway.Storage.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Revocation;

/// <summary>
/// Names of the gateway's Redis keys and channel, all under the configured prefix, and the text of the values and
/// messages: <c>{prefix}revoked:jti:{jti}</c> holding the token's exp, <c>{prefix}revoked:sid:{sid}</c> holding the
/// session's end, <c>{prefix}revoked:user:{id}</c> holding the user's cut-off, and messages "jti {jti} {exp}" /
/// "sid {sid} {end}" / "user {id} {cut-off}" on <c>{prefix}revocations</c>.
/// </summary>
internal sealed class RedisKeys(IOptions<RedisOptions> options)
{
    private const string TokenKind = "jti";
    private const string SessionKind = "sid";
    private const string UserKind = "user";

    private readonly string _keyStart = options.Value.KeyPrefix + "revoked:";

    public RedisChannel Channel { get; } = RedisChannel.Literal(options.Value.KeyPrefix + "revocations");

    /// <summary>The SCAN pattern of every revocation key; the prefix has no glob characters (see <see cref="RedisOptions"/>).</summary>
    public RedisValue Pattern => _keyStart + "*";

    public RedisKey Key(RevocationEntry entry) => _keyStart + entry switch
    {
        RevocationEntry.Token token => $"{TokenKind}:{token.TokenId}",
        RevocationEntry.Session session => $"{SessionKind}:{session.SessionId}",
        RevocationEntry.User user => $"{UserKind}:{user.UserId}",
        _ => throw new ArgumentOutOfRangeException(nameof(entry)),
    };

    public static long Value(RevocationEntry entry) => entry switch
    {
        RevocationEntry.Token token => token.ExpiresAt,
        RevocationEntry.Session session => session.EndsAt,
        RevocationEntry.User user => user.CutOff,
        _ => throw new ArgumentOutOfRangeException(nameof(entry)),
    };

    /// <returns>Null for a key or value this gateway did not write.</returns>
    public RevocationEntry? FromKey(string key, RedisValue value)
    {
        if (!key.StartsWith(_keyStart, StringComparison.Ordinal) || !value.TryParse(out long number))
        {
            return null;
        }

        var rest = key.AsSpan(_keyStart.Length);
        var colon = rest.IndexOf(':');
        return colon < 0 ? null : Entry(rest[..colon].ToString(), rest[(colon + 1)..].ToString(), number);
    }

    public static string ToMessage(RevocationEntry entry) => entry switch
    {
        RevocationEntry.Token token => $"{TokenKind} {token.TokenId} {token.ExpiresAt.ToString(CultureInfo.InvariantCulture)}",
        RevocationEntry.Session session => $"{SessionKind} {session.SessionId} {session.EndsAt.ToString(CultureInfo.InvariantCulture)}",
        RevocationEntry.User user => $"{UserKind} {user.UserId} {user.CutOff.ToString(CultureInfo.InvariantCulture)}",
        _ => throw new ArgumentOutOfRangeException(nameof(entry)),
    };

    /// <returns>Null for a message this gateway did not send.</returns>
    public static RevocationEntry? FromMessage(string? message)
    {
        var parts = message?.Split(' ');
        return parts is [var kind, var id, var number]
            && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? Entry(kind, id, value)
                : null;
    }

    private static RevocationEntry? Entry(string kind, string id, long value) => id.Length == 0 ? null : kind switch
    {
        TokenKind => new RevocationEntry.Token(id, value),
        SessionKind => new RevocationEntry.Session(id, value),
        UserKind => new RevocationEntry.User(id, value),
        _ => null,
    };
}
