using System.Security.Cryptography;
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
/// raised from its 100,000 default. A semaphore bounds how many hashes run at once: excess logins wait their turn
/// instead of taking every core from the proxy.
/// </summary>
internal sealed class PasswordHashing : IDisposable
{
    private readonly PasswordHasher<User> _hasher;
    private readonly SemaphoreSlim _gate;
    private readonly Lazy<string> _decoyHash;

    public PasswordHashing(IOptions<UserOptions> options)
    {
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.PasswordIterations,
        }));
        _gate = new SemaphoreSlim(options.Value.MaxConcurrentHashes);

        // Checked when the user does not exist, so an unknown username costs the same as a wrong password.
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(null!, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
    }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunGatedAsync(() => _hasher.HashPassword(null!, password), cancellationToken);

    public Task<PasswordCheck> VerifyAsync(string? hash, string password, CancellationToken cancellationToken) =>
        RunGatedAsync(() => Verify(hash, password), cancellationToken);

    public void Dispose() => _gate.Dispose();

    private PasswordCheck Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(null!, hash ?? _decoyHash.Value, password);
        return hash is null ? PasswordCheck.Failed : result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
    }

    private async Task<T> RunGatedAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }
}
