using Gateway.Storage;
using Gateway.Tokens;

namespace Gateway.Revocation;

/// <summary>
/// Ends every token a user holds. The cut-off is written to the user store first, so it outlives a Redis flush and a
/// restart, then to the revocation view (and through it to every instance).
/// </summary>
internal sealed class SignOutEverywhere(IUserStore users, ITokenRevocation revocation, TimeProvider time)
{
    /// <summary>The cut-off to store for this user now (see <see cref="TokenCutOff.Next"/>).</summary>
    public DateTimeOffset NextCutOff(string userId) => TokenCutOff.Next(time.GetUtcNow(), revocation.CutOff(userId));

    public async Task<DateTimeOffset> RunAsync(string userId, CancellationToken cancellationToken)
    {
        var cutOff = await users.AdvanceTokensValidAfterAsync(userId, NextCutOff(userId), cancellationToken);
        await EnforceAsync(userId, cutOff);
        return cutOff;
    }

    /// <summary>Enforces a cut-off already stored, as a password change stores it with the new hash.</summary>
    /// <remarks>Not cancellable: once the cut-off is stored, a client hanging up must not leave it unenforced.</remarks>
    public Task EnforceAsync(string userId, DateTimeOffset cutOff) =>
        revocation.RevokeAllAsync(userId, cutOff, CancellationToken.None);
}
