using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gateway.Users;

internal enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

/// <summary>
/// PBKDF2-HMAC-SHA512 through ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>, with the iteration count
/// raised from its 100,000 default, computed on <see cref="HashingThreads"/>: bounded, queued and low priority.
/// Both methods throw <see cref="HashingBusyException"/> when the hash is refused, before anything is stored.
/// </summary>
/// <remarks>
/// An imported legacy digest is kept as a layered hash (OWASP Password Storage Cheat Sheet, "upgrading legacy hashes"):
/// <see cref="LayeredPrefix"/> then the same PBKDF2 hash computed over the digest's hex text instead of the password.
/// The prefix holds ':' and '$', which base64 never does, so it can never be read as a normal hash; the version lets a
/// later scheme be told apart. A match answers <see cref="PasswordCheck.SuccessRehashNeeded"/>, so the first sign-in
/// replaces it with a normal hash.
/// </remarks>
internal sealed class PasswordHashing
{
    public const string LayeredPrefix = "$layered:sha256-hex:v1$";

    private readonly PasswordHasher<User> _hasher;
    private readonly HashingThreads _threads;
    private readonly GatewayMetrics _metrics;
    private readonly Lazy<string> _decoyHash;

    public PasswordHashing(IOptions<UserOptions> options, HashingThreads threads, GatewayMetrics metrics)
    {
        _metrics = metrics;
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.PasswordIterations,
        }));
        _threads = threads;

        // Checked when the user does not exist, so an unknown username costs the same as a wrong password.
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(null!, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
    }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        _threads.RunAsync(Timed(() => _hasher.HashPassword(null!, password)), cancellationToken);

    /// <param name="digest">A legacy digest already checked with <see cref="LegacyDigest.Normalize"/>.</param>
    public Task<string> HashLegacyDigestAsync(string digest, CancellationToken cancellationToken) =>
        _threads.RunAsync(Timed(() => LayeredPrefix + _hasher.HashPassword(null!, digest)), cancellationToken);

    public static bool IsLayered(string hash) => hash.StartsWith(LayeredPrefix, StringComparison.Ordinal);

    public Task<PasswordCheck> VerifyAsync(string? hash, string password, CancellationToken cancellationToken) =>
        _threads.RunAsync(Timed(() => Verify(hash, password)), cancellationToken);

    /// <summary>Measures the hash on its thread, so the histogram shows the work and not the wait in the queue.</summary>
    private Func<T> Timed<T>(Func<T> work) => !_metrics.MeasuresHashing ? work : () =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            _metrics.PasswordHashed(Stopwatch.GetElapsedTime(started));
        }
    };

    private PasswordCheck Verify(string? hash, string password)
    {
        if (hash is not null && IsLayered(hash))
        {
            var layered = _hasher.VerifyHashedPassword(null!, hash[LayeredPrefix.Length..], LegacyDigest.Sha256Hex(password));
            return layered == PasswordVerificationResult.Failed ? PasswordCheck.Failed : PasswordCheck.SuccessRehashNeeded;
        }

        var result = _hasher.VerifyHashedPassword(null!, hash ?? _decoyHash.Value, password);
        return hash is null ? PasswordCheck.Failed : result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
    }
}
