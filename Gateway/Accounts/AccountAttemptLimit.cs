using System.Globalization;
using Gateway.Responses;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>
/// Limits password guessing per account, whatever the addresses it comes from (<c>Gateway:RateLimit:FailuresPerAccount</c>
/// within <c>AccountWindow</c>, OWASP ASVS 2.2.1). Each password check is counted as it begins, in one atomic step, so
/// parallel guesses cannot all slip under the limit; a successful check clears the count, which therefore holds the
/// failures since the last success. Past the limit the check is refused before any hashing, whatever the password,
/// until the window (fixed, starting at the first counted check) ends. Usernames that match no account are counted and
/// refused the same way, so the limit tells nothing about which accounts exist.
/// </summary>
internal sealed class AccountAttemptLimit(IAttemptCounter counter, IOptions<AuthRateLimitOptions> options, ILogger<AccountAttemptLimit> logger)
{
    /// <summary>Counts a password check for <paramref name="username"/> about to be made.</summary>
    /// <returns>Null when it may go ahead; when refused, how long until the window ends.</returns>
    public async ValueTask<TimeSpan?> BeginAsync(string username)
    {
        var settings = options.Value;
        if (settings.FailuresPerAccount == 0)
        {
            return null;
        }

        var counted = await counter.CountAsync(Key(username), settings.AccountWindow);
        if (counted.Count <= settings.FailuresPerAccount)
        {
            return null;
        }

        if (counted.Count == settings.FailuresPerAccount + 1)
        {
            AccountLimitLog.Limited(logger, AuthLog.Clean(username), settings.FailuresPerAccount, settings.AccountWindow);
        }

        return counted.WindowLeft > TimeSpan.Zero ? counted.WindowLeft : TimeSpan.FromSeconds(1);
    }

    /// <summary>The password was right: the account's count starts again.</summary>
    public ValueTask SucceededAsync(string username) =>
        options.Value.FailuresPerAccount == 0 ? ValueTask.CompletedTask : counter.ClearAsync(Key(username));

    public static HttpError Refusal(TimeSpan retryAfter) => HttpError.Of(StatusCodes.Status429TooManyRequests, "too_many_attempts",
        $"Too many failed sign-ins for this account. Wait {Minutes(retryAfter)}, then try again.") with
    {
        RetryAfter = retryAfter,
    };

    private static string Key(string username) => "login:" + UsernameRules.Normalize(username);

    private static string Minutes(TimeSpan wait)
    {
        var minutes = (int)Math.Ceiling(wait.TotalMinutes);
        return minutes <= 1 ? "a minute" : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");
    }
}

internal static class AccountAttemptLimitExtensions
{
    /// <summary>
    /// Counted where every instance sees the counts: in Redis when <c>Gateway:Redis:Configuration</c> is set (in
    /// memory while it cannot be reached), in the user store otherwise. The second step's wrong codes and used
    /// challenges are counted by the same counter.
    /// </summary>
    public static IServiceCollection AddAccountAttemptLimit(this IServiceCollection services)
    {
        services.AddRedisConnection();
        services.TryAddSingleton<InMemoryAttemptCounter>();
        services.TryAddSingleton<IAttemptCounter>(provider =>
            provider.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled
                ? ActivatorUtilities.CreateInstance<RedisAttemptCounter>(provider)
                : ActivatorUtilities.CreateInstance<StoredAttemptCounter>(provider));
        services.TryAddSingleton<AccountAttemptLimit>();
        return services;
    }
}
