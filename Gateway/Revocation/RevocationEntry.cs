using Gateway.Tokens;

namespace Gateway.Revocation;

/// <summary>One revocation, as the local view holds it and as it travels through Redis. Times are Unix seconds.</summary>
internal abstract record RevocationEntry
{
    /// <summary>A single token, by its <c>jti</c> (never its text, which can be re-encoded), until it expires.</summary>
    public sealed record Token(string TokenId, long ExpiresAt) : RevocationEntry;

    /// <summary>Every token of a session, by its <c>sid</c>, and its remember-me credential, until the session ends.</summary>
    public sealed record Session(string SessionId, long EndsAt) : RevocationEntry;

    /// <summary>Every token of a user whose auth_time (else iat) is before <paramref name="CutOff"/> (see <see cref="TokenCutOff"/>).</summary>
    public sealed record User(string UserId, long CutOff) : RevocationEntry;
}
