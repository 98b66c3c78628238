using Microsoft.Extensions.Options;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Limits code guessing per account (<see cref="SecondFactorOptions.MaxWrongCodes"/> within
/// <see cref="SecondFactorOptions.WrongCodeWindow"/>): with 3 codes valid at a time out of 10^6, 5 tries per 5 minutes
/// leave a guesser far from any code (RFC 4226 section 7.3 asks for such a throttle). As <see cref="AccountAttemptLimit"/>
/// does for passwords, each check is counted as it begins, in one atomic step, so parallel guesses cannot all slip under
/// the limit, and an accepted code clears the count. Counted by the shared <see cref="IAttemptCounter"/> (Redis, else the
/// user store), so guesses spread over several instances add up.
/// </summary>
internal sealed class WrongCodeLimit(IAttemptCounter counter, IOptions<SecondFactorOptions> options)
{
    /// <summary>Counts a check of <paramref name="userId"/>'s code about to be made.</summary>
    /// <returns>Null when it may go ahead; when locked, how long until the window ends.</returns>
    public async ValueTask<TimeSpan?> BeginAsync(string userId)
    {
        var settings = options.Value;
        var counted = await counter.CountAsync(Key(userId), settings.WrongCodeWindow);
        if (counted.Count <= settings.MaxWrongCodes)
        {
            return null;
        }

        return counted.WindowLeft > TimeSpan.Zero ? counted.WindowLeft : TimeSpan.FromSeconds(1);
    }

    /// <summary>The code was right: the account's count starts again.</summary>
    public ValueTask ClearAsync(string userId) => counter.ClearAsync(Key(userId));

    private static string Key(string userId) => "second-factor:" + userId;
}
