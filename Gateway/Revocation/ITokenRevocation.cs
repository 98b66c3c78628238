namespace Gateway.Revocation;

/// <summary>
/// Tokens ended before their expiry: one session (every token refreshed from one sign-in, and its remember-me
/// credential) by a logout, all of a user's earlier sessions by "log out everywhere" or a password change. Checked on every request, so <see cref="IsRevoked"/> must stay local and cheap.
/// </summary>
internal interface ITokenRevocation
{
    /// <summary>Whether the token with this <c>jti</c>, <c>sid</c> and <c>sub</c> was revoked.</summary>
    /// <param name="authenticatedAt">
    /// The token's <c>auth_time</c> (its <c>iat</c> when it has none): a user's cut-off ends the sessions signed in
    /// before it, refreshed tokens of them included, whose iat is later.
    /// </param>
    bool IsRevoked(string tokenId, string? sessionId, string userId, DateTimeOffset authenticatedAt);

    /// <summary>The user's token cut-off as this instance knows it, or null when there is none.</summary>
    DateTimeOffset? CutOff(string userId);

    /// <summary>Revokes the token until <paramref name="expiresAt"/>, after which it is rejected as expired anyway.</summary>
    Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Revokes every token of the session until <paramref name="endsAt"/>, after which none can be refreshed.</summary>
    Task RevokeSessionAsync(string sessionId, DateTimeOffset endsAt, CancellationToken cancellationToken);

    /// <summary>Revokes every session of the user signed in before <paramref name="cutOff"/>.</summary>
    Task RevokeAllAsync(string userId, DateTimeOffset cutOff, CancellationToken cancellationToken);
}
