using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// Encrypts TOTP secrets at rest with data protection (keys in the data folder), so a copy of users.db alone does not
/// give the secrets away. The purpose string keeps these payloads apart from antiforgery tokens and challenges.
/// </summary>
internal sealed class SecretProtection(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Gateway.SecondFactor.TotpSecret.v1");

    public string Protect(byte[] secret) => Convert.ToBase64String(_protector.Protect(secret));

    /// <returns>Null when the secret cannot be read (the keys are gone or the value was changed).</returns>
    public byte[]? Unprotect(string stored)
    {
        try
        {
            return _protector.Unprotect(Convert.FromBase64String(stored));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }
}
