using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Accounts.SecondFactor;

/// <summary>What a valid challenge says: whose password was checked, and whether they asked to be kept signed in.</summary>
internal sealed record LoginChallenge(string UserId, string PasswordVersion, string Nonce, DateTimeOffset ExpiresAt, bool RememberMe);

/// <summary>
/// The proof, between the two steps of a sign-in, that the password was right: data-protected (so it cannot be forged
/// or read), bound to the user and the password hash it was checked against (a password change makes it worthless),
/// expiring after <see cref="SecondFactorOptions.ChallengeLifetime"/>, and single-use through its random nonce. Uses
/// are counted by the shared <see cref="IAttemptCounter"/> (Redis, else the user store) until the challenge expires,
/// so a challenge used on one instance is refused on every other.
/// </summary>
internal sealed class LoginChallenges(
    IDataProtectionProvider provider, IAttemptCounter uses, IOptions<SecondFactorOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Gateway.SecondFactor.LoginChallenge.v1");

    public string Issue(User user, bool rememberMe)
    {
        var expires = time.GetUtcNow() + options.Value.ChallengeLifetime;
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var payload = string.Join('\n', user.Id, PasswordVersion(user), nonce,
            expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), rememberMe ? "1" : "0");
        return Base64UrlEncoder.Encode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    /// <returns>Null for anything but an unexpired challenge this gateway issued; whether it was used is for <see cref="TryConsumeAsync"/>.</returns>
    public LoginChallenge? Read(string? challenge)
    {
        if (string.IsNullOrEmpty(challenge) || challenge.Length > 2048)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(Base64UrlEncoder.DecodeBytes(challenge))).Split('\n');
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }

        if (parts.Length != 5 || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return null;
        }

        var read = new LoginChallenge(parts[0], parts[1], parts[2], DateTimeOffset.FromUnixTimeMilliseconds(expiresAt), parts[4] == "1");
        return read.ExpiresAt <= time.GetUtcNow() ? null : read;
    }

    /// <summary>Whether the challenge still belongs to the user as stored: same password hash.</summary>
    public static bool Matches(LoginChallenge challenge, User user) =>
        challenge.UserId == user.Id && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(challenge.PasswordVersion), Encoding.ASCII.GetBytes(PasswordVersion(user)));

    /// <returns>False when the challenge was used already, here or on another instance, or two requests raced with it.</returns>
    public async ValueTask<bool> TryConsumeAsync(LoginChallenge challenge)
    {
        var left = challenge.ExpiresAt - time.GetUtcNow();
        var counted = await uses.CountAsync("challenge:" + challenge.Nonce, left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        return counted.Count == 1;
    }

    private static string PasswordVersion(User user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.PasswordHash)).AsSpan(0, 16));
}
