using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.Storage;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

internal enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

/// <summary>
/// Password hashes in the configured <see cref="PasswordScheme"/>, computed on <see cref="HashingThreads"/>: bounded,
/// queued and low priority. Argon2id (<see cref="Argon2idHash"/>) by default; PBKDF2-HMAC-SHA512 through ASP.NET Core
/// Identity's <see cref="PasswordHasher{TUser}"/>, its iteration count raised from the 100,000 default. Both kinds
/// keep verifying whatever the setting; one of the other scheme or of other parameters answers
/// <see cref="PasswordCheck.SuccessRehashNeeded"/>, so the next login stores it anew.
/// Both methods throw <see cref="HashingBusyException"/> when the hash is refused, before anything is stored.
/// </summary>
/// <remarks>
/// An imported legacy digest is kept as a layered hash (OWASP Password Storage Cheat Sheet, "upgrading legacy hashes"):
/// <see cref="LayeredPrefix"/> then a normal hash computed over the digest's hex text instead of the password: PBKDF2
/// for imports before Argon2id, the configured scheme since. The prefix holds ':' and '$' in an order no other stored
/// hash starts with, so it can never be read as a normal hash; the version names the wrapping (SHA-256 hex), and the
/// inner hash says its own scheme. A match answers <see cref="PasswordCheck.SuccessRehashNeeded"/>, so the first
/// sign-in replaces it with a normal hash.
/// </remarks>
internal sealed class PasswordHashing
{
    public const string LayeredPrefix = "$layered:sha256-hex:v1$";

    private readonly PasswordHasher<User> _pbkdf2;
    private readonly PasswordScheme _scheme;
    private readonly Argon2Cost _argon2;
    private readonly HashingThreads _threads;
    private readonly GatewayMetrics _metrics;
    private readonly Lazy<string> _decoyHash;

    public PasswordHashing(IOptions<UserOptions> options, HashingThreads threads, GatewayMetrics metrics)
    {
        _metrics = metrics;
        _pbkdf2 = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.PasswordIterations,
        }));
        _scheme = options.Value.PasswordScheme;
        _argon2 = options.Value.Argon2.Cost;
        _threads = threads;

        // Checked when the user does not exist, so an unknown username costs the same as a wrong password.
        _decoyHash = new Lazy<string>(() => Hash(Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
    }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        _threads.RunAsync(Timed(() => Hash(password)), cancellationToken);

    /// <param name="digest">A legacy digest already checked with <see cref="LegacyDigest.Normalize"/>.</param>
    public Task<string> HashLegacyDigestAsync(string digest, CancellationToken cancellationToken) =>
        _threads.RunAsync(Timed(() => LayeredPrefix + Hash(digest)), cancellationToken);

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

    private string Hash(string password) => _scheme == PasswordScheme.Argon2id
        ? Argon2idHash.Compute(password, _argon2)
        : _pbkdf2.HashPassword(null!, password);

    private PasswordCheck Verify(string? hash, string password)
    {
        if (hash is null)
        {
            Check(_decoyHash.Value, password);
            return PasswordCheck.Failed;
        }

        if (IsLayered(hash))
        {
            var layered = Check(hash[LayeredPrefix.Length..], LegacyDigest.Sha256Hex(password));
            return layered == PasswordCheck.Failed ? PasswordCheck.Failed : PasswordCheck.SuccessRehashNeeded;
        }

        return Check(hash, password);
    }

    /// <summary>Verifies a normal hash of either scheme, with the parameters stored in it.</summary>
    private PasswordCheck Check(string hash, string password)
    {
        if (Argon2idHash.IsArgon2id(hash))
        {
            return !Argon2idHash.Verify(hash, password, out var cost) ? PasswordCheck.Failed
                : _scheme == PasswordScheme.Argon2id && cost == _argon2 ? PasswordCheck.Success
                : PasswordCheck.SuccessRehashNeeded;
        }

        // Another PHC string ($argon2i$, $2b$, ...) is not base64, which is all a PBKDF2 hash is.
        if (hash.StartsWith('$'))
        {
            return PasswordCheck.Failed;
        }

        PasswordVerificationResult result;
        try
        {
            result = _pbkdf2.VerifyHashedPassword(null!, hash, password);
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }

        return result switch
        {
            PasswordVerificationResult.Success when _scheme == PasswordScheme.Pbkdf2 => PasswordCheck.Success,
            PasswordVerificationResult.Failed => PasswordCheck.Failed,
            _ => PasswordCheck.SuccessRehashNeeded,
        };
    }
}
