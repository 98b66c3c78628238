using System.Collections.Concurrent;
using System.Security.Claims;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>
/// Tokens that passed full validation, by their exact text, until they expire: a browser sends the same cookie on
/// every request, so the signature and claims are checked once instead of on each one. Only a byte-identical string
/// hits; revocation is still checked on every request by the caller. Bounded, so a flood of distinct valid tokens
/// cannot grow it without limit: when full, expired entries are dropped, and if none are, new tokens are simply
/// validated in full every time.
/// </summary>
internal sealed class ValidatedTokenCache(IOptions<JwtOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ValidatedToken> _tokens = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.ValidatedTokenCacheSize;
    private readonly long _skewSeconds = (long)options.Value.ClockSkew.TotalSeconds;

    public int Count => _tokens.Count;

    public bool TryGet(string token, out ValidatedToken validated)
    {
        if (!_tokens.TryGetValue(token, out validated!))
        {
            return false;
        }

        // The same rule as lifetime validation: accepted until exp plus the clock skew.
        if (time.GetUtcNow().ToUnixTimeSeconds() <= validated.ExpiresAt + _skewSeconds)
        {
            return true;
        }

        _tokens.TryRemove(token, out _);
        return false;
    }

    public void Add(string token, ValidatedToken validated)
    {
        if (_capacity == 0)
        {
            return;
        }

        if (_tokens.Count >= _capacity)
        {
            RemoveExpired();
            if (_tokens.Count >= _capacity)
            {
                return;
            }
        }

        _tokens.TryAdd(token, validated);
    }

    private void RemoveExpired()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var (token, validated) in _tokens)
        {
            if (now > validated.ExpiresAt + _skewSeconds)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }
}

/// <summary>A validated token's principal and the claims revocation is decided on.</summary>
internal sealed record ValidatedToken(
    ClaimsPrincipal Principal, string TokenId, string UserId, DateTimeOffset IssuedAt, long ExpiresAt);
