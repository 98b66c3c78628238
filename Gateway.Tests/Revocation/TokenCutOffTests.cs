using Gateway.Revocation;
using Gateway.Storage;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Revocation;

/// <summary>
/// The same-second problem: iat has whole-second precision, so a cut-off and the tokens around it often share a second.
/// A token issued before the cut-off must be refused and a token issued after it accepted, even then.
/// </summary>
public sealed class TokenCutOffTests
{
    private static readonly DateTimeOffset Second = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Next_TokenIssuedEarlierInTheSameSecond_IsEnded()
    {
        var cutOff = TokenCutOff.Next(Second.AddMilliseconds(400), previous: null);

        // Issued at .100, the token's iat is the whole second.
        Assert.True(TokenCutOff.Ends(cutOff.ToUnixTimeSeconds(), Second.ToUnixTimeSeconds()));
    }

    [Fact]
    public void IssuedAt_SignInLaterInTheSameSecond_IsNotEnded()
    {
        var cutOff = TokenCutOff.Next(Second.AddMilliseconds(400), previous: null);

        var issuedAt = TokenCutOff.IssuedAt(Second.AddMilliseconds(700), cutOff);

        Assert.False(TokenCutOff.Ends(cutOff.ToUnixTimeSeconds(), issuedAt.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Next_SecondCutOffInTheSameSecond_EndsTheTokenIssuedBetween()
    {
        var first = TokenCutOff.Next(Second.AddMilliseconds(200), previous: null);
        var between = TokenCutOff.IssuedAt(Second.AddMilliseconds(500), first);

        var second = TokenCutOff.Next(Second.AddMilliseconds(800), previous: first);

        Assert.True(TokenCutOff.Ends(second.ToUnixTimeSeconds(), between.ToUnixTimeSeconds()));
        var after = TokenCutOff.IssuedAt(Second.AddMilliseconds(900), second);
        Assert.False(TokenCutOff.Ends(second.ToUnixTimeSeconds(), after.ToUnixTimeSeconds()));
    }

    [Fact]
    public void IssuedAt_NoCutOff_IsTheCurrentWholeSecond()
    {
        Assert.Equal(Second, TokenCutOff.IssuedAt(Second.AddMilliseconds(999), DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task TokenIssuer_SignInInTheSecondOfALogoutEverywhere_OldTokenRefusedNewTokenAccepted()
    {
        var clock = new ManualClock(Second.AddMilliseconds(100));
        var jwt = Options.Create(new JwtOptions { SigningKey = GatewayServer.SigningKey });
        var issuer = new TokenIssuer(jwt, new SigningKey(jwt), clock);
        var view = new InMemoryTokenRevocation(clock, new RevocationExpiry(jwt));
        var user = new User("u1", "alice", "Alice", "hash", Second, DateTimeOffset.UnixEpoch);
        var old = new JsonWebToken(issuer.Issue(user).Value);

        clock.Now = Second.AddMilliseconds(400);
        var cutOff = TokenCutOff.Next(clock.Now, view.CutOff(user.Id));
        await view.RevokeAllAsync(user.Id, cutOff, CancellationToken.None);
        clock.Now = Second.AddMilliseconds(700);
        var fresh = new JsonWebToken(issuer.Issue(user with { TokensValidAfter = cutOff }).Value);

        Assert.True(view.IsRevoked(old.Id, null, user.Id, old.IssuedAt));
        Assert.False(view.IsRevoked(fresh.Id, null, user.Id, fresh.IssuedAt));

        // Only iat moves: the new token is valid from now, and its lifetime counts from now.
        Assert.Equal(Second.UtcDateTime, fresh.ValidFrom);
        Assert.Equal((Second + jwt.Value.Lifetime).UtcDateTime, fresh.ValidTo);
    }

    [Fact]
    public async Task SqliteUserStore_TwoCutOffsWithTheSameLowerBound_SecondMovesOneSecondFurther()
    {
        var store = UserDatabase.CreateStore();
        var user = new User("u1", "alice", "Alice", "hash", Second, DateTimeOffset.UnixEpoch);
        Assert.True(await store.TryCreateAsync(user, CancellationToken.None));
        var atLeast = Second.AddSeconds(1);

        var first = await store.AdvanceTokensValidAfterAsync(user.Id, atLeast, CancellationToken.None);
        var second = await store.AdvanceTokensValidAfterAsync(user.Id, atLeast, CancellationToken.None);
        var withHash = await store.ChangePasswordAsync(user.Id, "new hash", atLeast, CancellationToken.None);

        Assert.Equal(atLeast, first);
        Assert.Equal(atLeast.AddSeconds(1), second);
        Assert.Equal(atLeast.AddSeconds(2), withHash);
        var stored = await store.FindByIdAsync(user.Id, CancellationToken.None);
        Assert.Equal(("new hash", withHash), (stored!.PasswordHash, (DateTimeOffset?)stored.TokensValidAfter));
        var listed = Assert.Single(await store.ListTokenCutOffsAsync(Second, CancellationToken.None));
        Assert.Equal((user.Id, withHash!.Value), listed);
    }
}
