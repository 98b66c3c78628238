namespace Gateway.Revocation;

/// <summary>
/// Tokens ended before their expiry: one token by a logout, all of a user's earlier tokens by "log out everywhere" or a
/// password change. Checked on every request, so <see cref="IsRevoked"/> must stay local and cheap.
/// </summary>
internal interface ITokenRevocation
{
    /// <summary>Whether the token with this <c>jti</c>, <c>sub</c> and <c>iat</c> was revoked.</summary>
    bool IsRevoked(string tokenId, string userId, DateTimeOffset issuedAt);

    /// <summary>The user's token cut-off as this instance knows it, or null when there is none.</summary>
    DateTimeOffset? CutOff(string userId);

    /// <summary>Revokes the token until <paramref name="expiresAt"/>, after which it is rejected as expired anyway.</summary>
    Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Revokes every token of the user issued before <paramref name="cutOff"/>.</summary>
    Task RevokeAllAsync(string userId, DateTimeOffset cutOff, CancellationToken cancellationToken);
}
