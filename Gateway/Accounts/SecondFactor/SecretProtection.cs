using System.Security.Cryptography;
using Gateway.Hosting.DataProtection;
using Gateway.Storage;
using Gateway.Storage.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Encrypts TOTP secrets at rest with data protection (keys in the data folder), so a copy of users.db alone does not
/// give the secrets away. The purpose string keeps these payloads apart from antiforgery tokens and challenges. A secret
/// the key ring cannot open is reported once, as an error: it means the key ring moved or lost keys, and every user
/// enrolled before is stuck at the second step until an operator acts.
/// </summary>
internal sealed class SecretProtection(
    IDataProtectionProvider provider, IOptions<UserStoreOptions> users, IOptions<RedisOptions> redis, ILogger<SecretProtection> logger)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Gateway.SecondFactor.TotpSecret.v1");
    private int _reported;

    public string Protect(byte[] secret) => Convert.ToBase64String(_protector.Protect(secret));

    /// <returns>Null when the secret cannot be read (the keys are gone or the value was changed).</returns>
    public byte[]? Unprotect(string stored)
    {
        try
        {
            return _protector.Unprotect(Convert.FromBase64String(stored));
        }
        catch (CryptographicException ex)
        {
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                SecondFactorLog.SecretsUnreadable(logger, ex, DataProtectionExtensions.KeyRingLocation(users.Value, redis.Value));
            }

            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
