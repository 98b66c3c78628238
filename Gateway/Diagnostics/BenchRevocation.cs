using Gateway.Revocation;
namespace Gateway.Diagnostics;

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
}
