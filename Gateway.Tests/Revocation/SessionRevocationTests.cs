using Gateway.Revocation;
using Gateway.Storage.Redis;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Revocation;

public sealed class SessionRevocationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public async Task RevokeSession_EveryTokenOfIt_IsRevokedOthersNot()
    {
        var view = View(new ManualClock(Now));

        await view.RevokeSessionAsync("sid-1", Now.AddHours(12), CancellationToken.None);

        Assert.True(view.IsRevoked("jti-a", "sid-1", "user", Now));
        Assert.True(view.IsRevoked("jti-b", "sid-1", "user", Now));
        Assert.False(view.IsRevoked("jti-c", "sid-2", "user", Now));
        Assert.False(view.IsRevoked("jti-d", null, "user", Now));
    }

    [Fact]
    public void SessionEntry_KeptUntilTheSessionEndsPlusSkew_ThenPruned()
    {
        var clock = new ManualClock(Now);
        var view = View(clock);
        view.Apply(new RevocationEntry.Session("sid-1", Now.AddMinutes(30).ToUnixTimeSeconds()));

        clock.Now = Now.AddMinutes(30).AddSeconds(6);
        view.Apply(new RevocationEntry.Token("unrelated", Now.AddHours(1).ToUnixTimeSeconds()));

        Assert.Equal(0, view.SessionCount);
    }

    [Fact]
    public void RedisKeys_SessionEntry_RoundTripsThroughKeyAndMessage()
    {
        var keys = new RedisKeys(Options.Create(new RedisOptions { KeyPrefix = "gw:" }));
        var entry = new RevocationEntry.Session("c2lk", 1_800_000_100);

        Assert.Equal("gw:revoked:sid:c2lk", keys.Key(entry).ToString());
        Assert.Equal(entry, keys.FromKey("gw:revoked:sid:c2lk", RedisKeys.Value(entry)));
        Assert.Equal(entry, RedisKeys.FromMessage(RedisKeys.ToMessage(entry)));
    }

    private static InMemoryTokenRevocation View(TimeProvider clock) =>
        new(clock, new RevocationExpiry(Options.Create(new JwtOptions { ClockSkew = TimeSpan.FromSeconds(5) })));
}
