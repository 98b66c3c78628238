using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Assertions;

/// <summary>Loads (or generates) the assertion key before the gateway serves, so a key that cannot be used stops start-up.</summary>
internal sealed class AssertionStartup(IOptions<AssertionOptions> options, AssertionKey key, ILogger<AssertionStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            AssertionLog.Signing(logger, key.KeyId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
