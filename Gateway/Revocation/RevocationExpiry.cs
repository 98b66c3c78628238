using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Revocation;

/// <summary>How long a revocation matters: until no token it ends can pass validation any more.</summary>
internal sealed class RevocationExpiry(IOptions<JwtOptions> jwt)
{
    /// <returns>Unix seconds after which the entry can be forgotten.</returns>
    public long KeepUntil(RevocationEntry entry)
    {
        // Validation accepts a token until exp plus the clock skew, so the revocation must outlive exp by as much.
        var skew = (long)Math.Ceiling(jwt.Value.ClockSkew.TotalSeconds);
        return entry switch
        {
            RevocationEntry.Token token => token.ExpiresAt + skew,
            RevocationEntry.Session session => session.EndsAt + skew,

            // A token issued before the cut-off expires within one lifetime of it; refreshing one, or restoring one
            // from a remember-me credential, checks the cut-off in the user store, which keeps it for good.
            RevocationEntry.User user => user.CutOff + (long)Math.Ceiling(jwt.Value.Lifetime.TotalSeconds) + skew,
            _ => throw new ArgumentOutOfRangeException(nameof(entry)),
        };
    }
}
