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
/// raised from its 100,000 default, computed on <see cref="HashingThreads"/>: bounded, queued and low priority.
/// Both methods throw <see cref="HashingBusyException"/> when the hash is refused, before anything is stored.
/// </summary>
internal sealed class PasswordHashing
{
    private readonly PasswordHasher<User> _hasher;
    private readonly HashingThreads _threads;
    private readonly Lazy<string> _decoyHash;

    public PasswordHashing(IOptions<UserOptions> options, HashingThreads threads)
    {
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
        _threads.RunAsync(() => _hasher.HashPassword(null!, password), cancellationToken);

    public Task<PasswordCheck> VerifyAsync(string? hash, string password, CancellationToken cancellationToken) =>
        _threads.RunAsync(() => Verify(hash, password), cancellationToken);

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
}
