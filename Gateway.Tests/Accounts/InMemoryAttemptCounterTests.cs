using Gateway.Accounts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Accounts;

public sealed class InMemoryAttemptCounterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task CountAsync_WithinTheWindow_CountsUpFromTheFirstAttempt()
    {
        var counter = new InMemoryAttemptCounter(_clock);

        await counter.CountAsync("a", Window);
        _clock.Advance(TimeSpan.FromMinutes(4));
        var second = await counter.CountAsync("a", Window);

        Assert.Equal(new AttemptCount(2, TimeSpan.FromMinutes(11)), second);
    }

    [Fact]
    public async Task CountAsync_WindowOver_StartsAgain()
    {
        var counter = new InMemoryAttemptCounter(_clock);
        await counter.CountAsync("a", Window);
        await counter.CountAsync("a", Window);

        _clock.Advance(Window);
        var next = await counter.CountAsync("a", Window);

        Assert.Equal(new AttemptCount(1, Window), next);
    }

    [Fact]
    public async Task ClearAsync_StartsAgain_OtherKeysKept()
    {
        var counter = new InMemoryAttemptCounter(_clock);
        await counter.CountAsync("a", Window);
        await counter.CountAsync("b", Window);

        await counter.ClearAsync("a");

        Assert.Equal(1, (await counter.CountAsync("a", Window)).Count);
        Assert.Equal(2, (await counter.CountAsync("b", Window)).Count);
    }

    [Fact]
    public async Task CountAsync_ManyKeys_StaysBounded_NewestKept()
    {
        var counter = new InMemoryAttemptCounter(_clock);

        for (var i = 0; i <= InMemoryAttemptCounter.MaxKeys; i++)
        {
            _clock.Now += TimeSpan.FromMilliseconds(1);
            await counter.CountAsync($"key{i}", Window);
        }

        Assert.InRange(counter.Count, 1, InMemoryAttemptCounter.MaxKeys);
        Assert.Equal(2, (await counter.CountAsync($"key{InMemoryAttemptCounter.MaxKeys}", Window)).Count);
    }
}
