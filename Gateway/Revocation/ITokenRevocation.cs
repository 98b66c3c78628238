namespace Gateway.Revocation;

/// <summary>Tokens ended before their expiry (logout). Checked on every request, so <see cref="IsRevoked"/> must stay local and cheap.</summary>
internal interface ITokenRevocation
{
    /// <summary>Whether the token with this <c>jti</c> was revoked.</summary>
    bool IsRevoked(string tokenId);

    /// <summary>Revokes the token until <paramref name="expiresAt"/>, after which it is rejected as expired anyway.</summary>
    Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
