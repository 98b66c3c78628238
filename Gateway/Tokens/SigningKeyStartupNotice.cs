using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>Warns, once at start-up, that the signing key is a generated development key.</summary>
internal sealed partial class SigningKeyStartupNotice(IOptions<JwtOptions> options, ILogger<SigningKeyStartupNotice> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.GeneratedKeyPath is { } path)
        {
            LogGeneratedKey(logger, path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "No Gateway:Jwt:SigningKey configured: using the development key kept in {KeyPath}. " +
                  "Outside Development the gateway refuses to start without Gateway__Jwt__SigningKey.")]
    private static partial void LogGeneratedKey(ILogger logger, string keyPath);
}
