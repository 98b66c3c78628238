namespace Gateway.Tokens;

/// <summary>
/// The per-user cut-off behind "log out everywhere": a token whose <c>iat</c> is before it is refused.
/// JWT times are whole seconds (RFC 7519 section 2, NumericDate, as <see cref="Tokens.TokenIssuer"/> writes them), so a
/// cut-off taken at 12:00:00.400 cannot tell a token issued at 12:00:00.100 from one issued at 12:00:00.700: both have
/// iat 12:00:00. The cut-off is therefore the next whole second, which ends every token issued so far, and a token issued
/// after it carries iat = the cut-off (<see cref="IssuedAt"/>) so that signing in right after still works.
/// </summary>
internal static class TokenCutOff
{
    /// <summary>
    /// One second past the current second, or past <paramref name="previous"/> when that is later: a second cut-off in
    /// the same second must still end the token signed in between, whose iat is the first cut-off.
    /// </summary>
    public static DateTimeOffset Next(DateTimeOffset now, DateTimeOffset? previous)
    {
        var next = WholeSeconds(now).AddSeconds(1);
        return previous is { } last && last >= next ? WholeSeconds(last).AddSeconds(1) : next;
    }

    /// <summary>The iat of a token signed now for a user with this cut-off: never before the cut-off.</summary>
    public static DateTimeOffset IssuedAt(DateTimeOffset now, DateTimeOffset cutOff)
    {
        var issuedAt = WholeSeconds(now);
        return cutOff > issuedAt ? WholeSeconds(cutOff) : issuedAt;
    }

    public static bool Ends(long cutOffSeconds, long issuedAtSeconds) => issuedAtSeconds < cutOffSeconds;

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
