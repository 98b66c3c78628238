using Gateway.Accounts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Infrastructure;

/// <summary>Per-account limits for tests that build <see cref="Gateway.Accounts.Accounts"/> by hand.</summary>
internal static class TestAccountLimits
{
    /// <summary>No per-account limit (FailuresPerAccount 0).</summary>
    public static AccountAttemptLimit Off => Counting(new InMemoryAttemptCounter(TimeProvider.System), failures: 0);

    public static AccountAttemptLimit Counting(IAttemptCounter counter, int failures, TimeSpan? window = null) => new(
        counter,
        Options.Create(new AuthRateLimitOptions { FailuresPerAccount = failures, AccountWindow = window ?? TimeSpan.FromMinutes(15) }),
        NullLogger<AccountAttemptLimit>.Instance);
}
