using System.Security.Claims;
using Gateway.Auth;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Auth;

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
    public void Add_WhenFullOfLiveTokens_KeepsTheOldOnesAndDoesNotGrow()
    {
        var cache = Cache(new ManualClock(Start), capacity: 2);
        var expiresAt = Start.ToUnixTimeSeconds() + 60;
        cache.Add("one", Validated(expiresAt));
        cache.Add("two", Validated(expiresAt));

        cache.Add("three", Validated(expiresAt));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("one", out _));
        Assert.False(cache.TryGet("three", out _));
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

    private static ValidatedTokenCache Cache(TimeProvider clock, int capacity = 100, TimeSpan? skew = null) =>
        new(Options.Create(new JwtOptions { ValidatedTokenCacheSize = capacity, ClockSkew = skew ?? TimeSpan.FromSeconds(5) }), clock);

    private static ValidatedToken Validated(long expiresAt) =>
        new(new ClaimsPrincipal(new ClaimsIdentity("test")), "jti", "user", Start, expiresAt);
}
