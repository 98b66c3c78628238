namespace Gateway.Accounts.SecondFactor;

/// <summary>What checking a code (or a recovery code) came to.</summary>
internal abstract record SecondFactorCheck
{
    private SecondFactorCheck()
    {
    }

    /// <param name="Recovery">A recovery code was used (and is now spent).</param>
    public sealed record Accepted(bool Recovery, IReadOnlyList<string> RecoveryCodes) : SecondFactorCheck;

    /// <summary>Wrong, already used, or not a code at all: counted against the account's limit.</summary>
    public sealed record Wrong : SecondFactorCheck;

    /// <summary>Too many wrong codes: nothing was checked.</summary>
    public sealed record Locked(TimeSpan RetryAfter) : SecondFactorCheck;

    /// <summary>
    /// The stored secret cannot be decrypted (the key ring moved or lost its keys): nothing was checked or counted, as
    /// the code may well be right. Recovery codes need no secret and still work.
    /// </summary>
    public sealed record Unreadable : SecondFactorCheck;

    /// <summary>Nothing to check against: not enrolled (or, to confirm, nothing set up).</summary>
    public sealed record NotEnrolled : SecondFactorCheck;
}

/// <summary>A secret being set up: what an authenticator app needs.</summary>
internal sealed record TotpSetup(string Secret, string OtpAuthUri);
