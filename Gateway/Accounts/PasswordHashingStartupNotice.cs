using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>Says at start-up how passwords are hashed and what memory hashing may take, for sizing a container.</summary>
internal sealed partial class PasswordHashingStartupNotice(IOptions<UserOptions> options, ILogger<PasswordHashingStartupNotice> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var users = options.Value;
        if (users.PasswordScheme == PasswordScheme.Argon2id)
        {
            LogArgon2id(logger, users.Argon2.Cost, users.MaxConcurrentHashes,
                (users.MaxConcurrentHashes * (long)users.Argon2.MemoryKiB + 1023) / 1024);
        }
        else
        {
            LogPbkdf2(logger, users.PasswordIterations, users.MaxConcurrentHashes);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6300, Level = LogLevel.Information,
        Message = "Passwords are hashed with Argon2id ({Parameters}), {Threads} at a time: up to {MemoryMiB} MiB for hashing. " +
                  "PBKDF2 and layered hashes are replaced at their next login.")]
    private static partial void LogArgon2id(ILogger logger, Argon2Cost parameters, int threads, long memoryMiB);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information,
        Message = "Passwords are hashed with PBKDF2-HMAC-SHA512 ({Iterations} iterations), {Threads} at a time " +
                  "(Gateway:Users:PasswordScheme=Pbkdf2). Argon2id and layered hashes are replaced at their next login.")]
    private static partial void LogPbkdf2(ILogger logger, int iterations, int threads);
}
