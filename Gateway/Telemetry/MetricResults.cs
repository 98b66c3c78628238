namespace Gateway.Telemetry;

// The values of the gateway's counters' tags: each name, in lower case, is the tag value.

/// <summary>What the auth middleware decided about one request.</summary>
internal enum AuthDecision
{
    Allowed,
    Redirected,
    Unauthorized,
    Expired,
    Revoked,
    Forbidden,
}

internal enum LoginOutcome
{
    Succeeded,
    Failed,
    Throttled,
    Busy,
}

internal enum RegistrationOutcome
{
    Succeeded,
    Invalid,
    Taken,
    Closed,
    Throttled,
    Busy,
}

internal enum SessionContinuation
{
    /// <summary>A new token for a live one: sliding, or POST /auth/refresh.</summary>
    Refreshed,

    /// <summary>A new token from a remember-me credential.</summary>
    Restored,
}
