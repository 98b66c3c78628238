using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// Says, once at start-up, that the signing key is a generated development key, and which key ids sign and validate,
/// so an operator can check that every instance agrees during a rotation (a kid reveals nothing of its key).
/// </summary>
internal sealed partial class SigningKeyStartupNotice(
    IOptions<JwtOptions> options, SigningKey signingKey, ILogger<SigningKeyStartupNotice> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.GeneratedKeyPath is { } path)
        {
            LogGeneratedKey(logger, path);
        }

        if (signingKey.Previous.Count > 0)
        {
            var previous = string.Join(", ", signingKey.Previous.Select(key => key.KeyId));
            LogPreviousKeys(logger, signingKey.Key.KeyId, previous);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "No Gateway:Jwt:SigningKey configured: using the development key kept in {KeyPath}. " +
                  "Outside Development the gateway refuses to start without Gateway__Jwt__SigningKey.")]
    private static partial void LogGeneratedKey(ILogger logger, string keyPath);

    [LoggerMessage(EventId = 2500, Level = LogLevel.Information,
        Message = "Signing tokens with key {KeyId}; also accepting tokens of the previous keys {PreviousKeyIds} " +
                  "(Gateway:Jwt:PreviousSigningKeys)")]
    private static partial void LogPreviousKeys(ILogger logger, string keyId, string previousKeyIds);
}
