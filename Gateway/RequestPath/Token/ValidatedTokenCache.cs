using System.Security.Claims;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Token;

/// <summary>
/// Tokens that passed full validation, by their exact text, until they expire: a browser sends the same cookie on
/// every request, so the signature and claims are checked once instead of on each one. Only a byte-identical string
/// hits; revocation is still checked on every request by the caller. Bounded, so a flood of distinct valid tokens
/// cannot grow it without limit: when full, the least recently used token makes room, in constant time, so a full
/// cache costs no more than no cache. Large caches are split into shards with a lock each, so concurrent requests
/// rarely wait for one another; the least recently used is then decided within a shard, and the shards share the
/// capacity rather than each holding a fixed part of it.
/// </summary>
internal sealed class ValidatedTokenCache
{
    private const int MaxShards = 16;
    private const int MinEntriesPerShard = 256;

    private readonly TimeProvider _time;
    private readonly long _skewSeconds;
    private readonly ValidatedTokenCacheShard[] _shards;

    public ValidatedTokenCache(IOptions<JwtOptions> options, TimeProvider time)
    {
        _time = time;
        _skewSeconds = (long)options.Value.ClockSkew.TotalSeconds;

        var capacity = options.Value.ValidatedTokenCacheSize;
        var shards = 1;
        while (shards * 2 <= MaxShards && capacity / (shards * 2) >= MinEntriesPerShard)
        {
            shards *= 2;
        }

        // One budget for all shards: together they never hold more than the configured capacity.
        var budget = new ValidatedTokenCacheBudget(capacity);
        _shards = new ValidatedTokenCacheShard[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new ValidatedTokenCacheShard(budget);
        }
    }

    public int Count => _shards.Sum(shard => shard.Count);

    public bool TryGet(string token, out ValidatedToken validated) => TryGet(token.AsSpan(), out _, out validated);

    /// <summary>Looks the token up without making a string of it first: a hit returns the cached one.</summary>
    public bool TryGet(ReadOnlySpan<char> token, out string cached, out ValidatedToken validated)
    {
        // The same rule as lifetime validation: accepted until exp plus the clock skew.
        var oldestLiveExpiry = _time.GetUtcNow().ToUnixTimeSeconds() - _skewSeconds;
        return ShardOf(token).TryGet(token, oldestLiveExpiry, out cached, out validated);
    }

    public void Add(string token, ValidatedToken validated) => ShardOf(token).Add(token, validated);

    private ValidatedTokenCacheShard ShardOf(ReadOnlySpan<char> token)
    {
        if (_shards.Length == 1)
        {
            return _shards[0];
        }

        // The last characters of a JWT are its signature: evenly spread, and cheaper than hashing the whole text
        // (the shard's dictionary does that once). A caller cannot aim at a shard with tokens it did not get signed.
        var hash = 0u;
        for (var i = Math.Max(0, token.Length - 8); i < token.Length; i++)
        {
            hash = (hash * 31) + token[i];
        }

        return _shards[hash & (uint)(_shards.Length - 1)];
    }
}

/// <summary>A validated token's principal and the claims revocation and refresh are decided on.</summary>
/// <param name="AuthenticatedAt">auth_time, or iat for a token without one (see <see cref="Revocation.ITokenRevocation"/>).</param>
internal sealed record ValidatedToken(
    ClaimsPrincipal Principal, string TokenId, string UserId, DateTimeOffset AuthenticatedAt, long ExpiresAt, string? SessionId = null);
