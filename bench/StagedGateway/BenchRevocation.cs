using Gateway.Revocation;

namespace StagedGateway;

/// <summary>Benchmark only (GATEWAY_BENCH_OFF=revocation): the real revocation, except that no token is ever found revoked.</summary>
internal sealed class BenchRevocation(ITokenRevocation inner) : ITokenRevocation
{
    public bool IsRevoked(string tokenId, string? sessionId, string userId, DateTimeOffset authenticatedAt) => false;

    public DateTimeOffset? CutOff(string userId) => inner.CutOff(userId);

    public Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.RevokeAsync(tokenId, expiresAt, cancellationToken);

    public Task RevokeSessionAsync(string sessionId, DateTimeOffset endsAt, CancellationToken cancellationToken) =>
        inner.RevokeSessionAsync(sessionId, endsAt, cancellationToken);

    public Task RevokeAllAsync(string userId, DateTimeOffset cutOff, CancellationToken cancellationToken) =>
        inner.RevokeAllAsync(userId, cutOff, cancellationToken);

    /// <summary>Wraps the registered revocation when GATEWAY_BENCH_OFF names the revocation stage.</summary>
    public static void ReplaceIfOff(IServiceCollection services, BenchStages stages)
    {
        if (stages.IsOn(BenchStages.Revocation))
        {
            return;
        }

        var real = services.Last(descriptor => descriptor.ServiceType == typeof(ITokenRevocation));
        services.Remove(real);
        services.AddSingleton<ITokenRevocation>(provider => new BenchRevocation((ITokenRevocation)(
            real.ImplementationFactory?.Invoke(provider) ?? ActivatorUtilities.CreateInstance(provider, real.ImplementationType!))));
    }
}
