using System.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Refuses to start with a missing or weak signing key, naming the setting to set.</summary>
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

        if (Encoding.UTF8.GetByteCount(options.SigningKey) < JwtOptions.MinimumKeyBytes)
        {
            return ValidateOptionsResult.Fail(
                $"Gateway:Jwt:SigningKey is shorter than {JwtOptions.MinimumKeyBytes} bytes. {Advice}");
        }

        // A long key made of a handful of repeated characters ("aaaa...", "changemechangeme...") is still guessable.
        if (options.SigningKey.Distinct().Count() < 10)
        {
            return ValidateOptionsResult.Fail($"Gateway:Jwt:SigningKey is too repetitive to be a secret. {Advice}");
        }

        return ValidateOptionsResult.Success;
    }
}
