using System.Security.Claims;
using Gateway.RequestPath.Token;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.RequestPath.Token;

public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void TryGet_BeforeExpiryPlusSkew_ReturnsTheValidatedToken()
    {
        var clock = new ManualClock(Start);
        var cache = Cache(clock, skew: TimeSpan.FromSeconds(5));
        cache.Add("token-a", Validated(expiresAt: Start.ToUnixTimeSeconds() + 60));

        clock.Now = Start.AddSeconds(65);

        Assert.True(cache.TryGet("token-a", out var validated));
        Assert.Equal("jti", validated.TokenId);
    }

    [Fact]
    public void TryGet_PastExpiryPlusSkew_MissesAndForgetsTheToken()
    {
        var clock = new ManualClock(Start);
        var cache = Cache(clock, skew: TimeSpan.FromSeconds(5));
        cache.Add("token-a", Validated(expiresAt: Start.ToUnixTimeSeconds() + 60));

        clock.Now = Start.AddSeconds(66);

        Assert.False(cache.TryGet("token-a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TryGet_OtherSpellingOfTheSameToken_Misses()
    {
        var cache = Cache(new ManualClock(Start));
        cache.Add("header.payload.signature", Validated(expiresAt: Start.ToUnixTimeSeconds() + 60));

        Assert.False(cache.TryGet("header.payload.signature=", out _));
        Assert.False(cache.TryGet("HEADER.payload.signature", out _));
    }

    [Fact]
    public void Add_WhenFullOfLiveTokens_CachesTheNewOneAndEvictsTheLeastRecentlyUsed()
    {
        var cache = Cache(new ManualClock(Start), capacity: 2);
        var expiresAt = Start.ToUnixTimeSeconds() + 60;
        cache.Add("one", Validated(expiresAt));
        cache.Add("two", Validated(expiresAt));
        Assert.True(cache.TryGet("one", out _));

        cache.Add("three", Validated(expiresAt));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("three", out _));
        Assert.True(cache.TryGet("one", out _));
        Assert.False(cache.TryGet("two", out _));
    }

    [Fact]
    public void Add_ManyMoreThanCapacity_NeverHoldsMoreThanCapacityAndKeepsTheNewest()
    {
        var cache = Cache(new ManualClock(Start), capacity: 3);
        var expiresAt = Start.ToUnixTimeSeconds() + 60;

        for (var i = 0; i < 10; i++)
        {
            cache.Add($"token-{i}", Validated(expiresAt));
            Assert.InRange(cache.Count, 1, 3);
        }

        Assert.True(cache.TryGet("token-9", out _));
        Assert.True(cache.TryGet("token-8", out _));
        Assert.True(cache.TryGet("token-7", out _));
        Assert.False(cache.TryGet("token-6", out _));
    }

    [Fact]
    public void Add_LargeCapacityFloodedFromManyThreads_NeverHoldsMoreThanCapacity()
    {
        const int capacity = 5_000;
        var cache = Cache(new ManualClock(Start), capacity: capacity);
        var expiresAt = Start.ToUnixTimeSeconds() + 60;

        Parallel.For(0, 4 * capacity, i =>
        {
            var token = $"header.payload.signature-{i}";
            cache.Add(token, Validated(expiresAt));
            cache.TryGet(token, out _);
        });

        Assert.InRange(cache.Count, capacity / 2, capacity);
        cache.Add("latest", Validated(expiresAt));
        Assert.True(cache.TryGet("latest", out _));
        Assert.InRange(cache.Count, capacity / 2, capacity);
    }

    [Fact]
    public void Add_SameTokenAgain_KeepsOneEntry()
    {
        var cache = Cache(new ManualClock(Start), capacity: 2);
        var expiresAt = Start.ToUnixTimeSeconds() + 60;

        cache.Add("one", Validated(expiresAt));
        cache.Add("one", Validated(expiresAt));

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("one", out _));
    }

    [Fact]
    public void Add_WhenFullAndSomeExpired_DropsTheExpiredToMakeRoom()
    {
        var clock = new ManualClock(Start);
        var cache = Cache(clock, capacity: 2, skew: TimeSpan.Zero);
        cache.Add("short", Validated(Start.ToUnixTimeSeconds() + 1));
        cache.Add("long", Validated(Start.ToUnixTimeSeconds() + 600));
        clock.Now = Start.AddSeconds(2);

        cache.Add("new", Validated(Start.ToUnixTimeSeconds() + 600));

        Assert.True(cache.TryGet("new", out _));
        Assert.True(cache.TryGet("long", out _));
        Assert.False(cache.TryGet("short", out _));
    }

    [Fact]
    public void Add_WithCapacityZero_CachesNothing()
    {
        var cache = Cache(new ManualClock(Start), capacity: 0);

        cache.Add("token-a", Validated(Start.ToUnixTimeSeconds() + 60));

        Assert.False(cache.TryGet("token-a", out _));
    }

    [Fact]
    public void Add_AsManyTokensAsTheCapacityOfASplitCache_KeepsEveryOne()
    {
        // 16 shards: with a fixed share each, the shards hashing gives a few more tokens than average evicted some,
        // and a round robin over the tokens then missed on every request to those shards.
        const int capacity = 10_000;
        var cache = Cache(new ManualClock(Start), capacity: capacity);
        var tokens = Enumerable.Range(0, capacity).Select(i => $"header.payload-{i}.{Convert.ToBase64String(BitConverter.GetBytes(i * 2654435761L))}").ToList();
        foreach (var token in tokens)
        {
            cache.Add(token, Validated(Start.ToUnixTimeSeconds() + 600));
        }

        Assert.Equal(capacity, cache.Count);
        Assert.All(tokens, token => Assert.True(cache.TryGet(token, out _)));
    }

    [Fact]
    public void TryGet_TokenStillInsideItsHeader_ReturnsTheCachedString()
    {
        var cache = Cache(new ManualClock(Start));
        cache.Add("header.payload.signature", Validated(Start.ToUnixTimeSeconds() + 60));
        var header = "gateway_token=header.payload.signature; theme=dark";

        Assert.True(cache.TryGet(header.AsSpan(14, 24), out var cached, out var validated));
        Assert.Equal("header.payload.signature", cached);
        Assert.Equal("jti", validated.TokenId);
    }

    private static ValidatedTokenCache Cache(TimeProvider clock, int capacity = 100, TimeSpan? skew = null) =>
        new(Options.Create(new JwtOptions { ValidatedTokenCacheSize = capacity, ClockSkew = skew ?? TimeSpan.FromSeconds(5) }), clock);

    private static ValidatedToken Validated(long expiresAt) =>
        new(new ClaimsPrincipal(new ClaimsIdentity("test")), "jti", "user", Start, expiresAt);
}
