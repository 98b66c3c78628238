using System.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Refuses to start with a missing or weak signing key, naming the setting to set; never the key.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    private const string Advice =
        "Set the environment variable Gateway__Jwt__SigningKey (or Gateway:Jwt:SigningKey in yarp.json) " +
        "to a random secret of at least 32 bytes, for example the output of: openssl rand -base64 48";

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return ValidateOptionsResult.Fail($"Gateway:Jwt:SigningKey is not set. {Advice}");
        }

        if (Weakness(options.SigningKey) is { } weakness)
        {
            return ValidateOptionsResult.Fail($"Gateway:Jwt:SigningKey {weakness}. {Advice}");
        }

        var failures = new List<string>();
        for (var i = 0; i < options.PreviousSigningKeys.Count; i++)
        {
            var previous = options.PreviousSigningKeys[i];
            var setting = $"Gateway:Jwt:PreviousSigningKeys:{i} (Gateway__Jwt__PreviousSigningKeys__{i})";
            if (string.IsNullOrEmpty(previous))
            {
                continue;
            }

            if (Weakness(previous) is { } previousWeakness)
            {
                failures.Add($"{setting} {previousWeakness}: a previous key must be as strong as the current one. " +
                    "Remove it if it was never used to sign tokens.");
            }
            else if (previous == options.SigningKey)
            {
                failures.Add($"{setting} is the current Gateway:Jwt:SigningKey. To rotate, set Gateway:Jwt:SigningKey " +
                    "to a new key and keep the old one in the list; otherwise remove the entry.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <returns>Why the key is not a secret, as the end of a sentence about it; null when it is strong enough.</returns>
    private static string? Weakness(string key)
    {
        if (Encoding.UTF8.GetByteCount(key) < JwtOptions.MinimumKeyBytes)
        {
            return $"is shorter than {JwtOptions.MinimumKeyBytes} bytes";
        }

        // A long key made of a handful of repeated characters ("aaaa...", "changemechangeme...") is still guessable.
        return key.Distinct().Count() < 10 ? "is too repetitive to be a secret" : null;
    }
}
