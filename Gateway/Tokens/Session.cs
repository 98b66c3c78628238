namespace Gateway.Tokens;

/// <summary>
/// One sign-in: every token refreshed from it carries its <paramref name="Id"/> and <paramref name="AuthTime"/>, and
/// none outlives <paramref name="EndsAt"/>.
/// </summary>
internal sealed record Session(string Id, DateTimeOffset AuthTime, bool Remembered, DateTimeOffset EndsAt)
{
    /// <summary>The sign-in checked a second factor too: its tokens carry <c>amr</c> <c>["pwd","otp"]</c>.</summary>
    public bool SecondFactor { get; init; }
}
