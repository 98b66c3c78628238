namespace Gateway.Responses;

/// <summary>
/// An error answer before it is written: the status, the JSON body, and what a page needs beyond it. Every gateway error
/// (challenge, forbid, rate limit, busy hashing, backend failure, bad input) is one of these, written by <see cref="Replies"/>.
/// </summary>
internal sealed record HttpError(int StatusCode, ErrorBody Body)
{
    /// <summary>The page's heading; by default one that fits the status code.</summary>
    public string? Heading { get; init; }

    /// <summary>Sent as <c>Retry-After</c> in whole seconds (RFC 9110 section 10.2.3).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The page offers a "Try again" link to the same address (only for a GET: a form would be posted twice).</summary>
    public bool OfferRetry { get; init; }

    /// <summary>
    /// The status of the page a browser gets instead, when that page is the next step of a form rather than an error
    /// (the second step of signing in: 401 for a script, which must send the code, 200 for the person asked for it).
    /// </summary>
    public int? PageStatusCode { get; init; }

    public static HttpError Of(int statusCode, string error, string message) => new(statusCode, new ErrorBody(error, message));
}
