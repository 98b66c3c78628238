using Gateway.Storage;

namespace Gateway.Responses;

/// <summary>
/// The answer to a request that needed the user store while it could not be reached: 503 with Retry-After (RFC 9110
/// section 15.6.4), from whichever endpoint asked. The store wrote nothing, so trying again is safe.
/// </summary>
internal static class StoreOutage
{
    /// <summary>
    /// Long enough not to hammer a database that is restarting, short enough that a person does not give up. A fixed
    /// value: the gateway cannot know when the database will be back.
    /// </summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static HttpError Answer(ILogger logger, HttpContext context, UserStoreUnavailableException unavailable)
    {
        StoreOutageLog.Answered(logger, context.Request.Path, unavailable.Message);
        return SignInUnavailable("store_unavailable", "its user store");
    }

    /// <summary>The 503 of a dependency sign-in needs (<paramref name="dependency"/>, as in "cannot reach ...") being down.</summary>
    public static HttpError SignInUnavailable(string code, string dependency) =>
        HttpError.Of(StatusCodes.Status503ServiceUnavailable, code,
            $"Sign-in is unavailable right now: the gateway cannot reach {dependency}. Try again in {(int)RetryAfter.TotalSeconds} seconds.") with
        {
            Heading = "Sign-in is unavailable",
            RetryAfter = RetryAfter,
            OfferRetry = true,
        };
}
