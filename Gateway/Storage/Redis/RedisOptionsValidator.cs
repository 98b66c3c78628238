using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Storage.Redis;

/// <summary>Refuses to start with a Redis configuration string that StackExchange.Redis cannot use.</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(options.Configuration!);
        }
        catch (ArgumentException ex)
        {
            // The parser names the offending option, never the password.
            return ValidateOptionsResult.Fail(
                $"Gateway:Redis:Configuration is not a valid StackExchange.Redis configuration string: {ex.Message}");
        }

        return parsed.EndPoints.Count == 0
            ? ValidateOptionsResult.Fail(
                "Gateway:Redis:Configuration names no server: start it with host:port, for example redis:6379.")
            : ValidateOptionsResult.Success;
    }
}
