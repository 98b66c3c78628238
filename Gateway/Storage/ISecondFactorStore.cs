namespace Gateway.Storage;

/// <param name="Secret">The active TOTP secret, data-protected; null until enrolment is confirmed.</param>
/// <param name="PendingSecret">A secret set up but not yet confirmed with a code, data-protected.</param>
/// <param name="LastStep">The latest time step a code was accepted for; codes of it or earlier are refused.</param>
internal sealed record SecondFactorRecord(string? Secret, string? PendingSecret, long LastStep, int RecoveryCodesLeft)
{
    public bool Enrolled => Secret is not null;
}

/// <summary>Each user's TOTP secret, replay mark and hashed recovery codes, apart from the user record.</summary>
internal interface ISecondFactorStore
{
    Task<SecondFactorRecord?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Stores a new pending secret, replacing any earlier one; an active secret stays active until confirmed.</summary>
    Task SetPendingAsync(string userId, string protectedSecret, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="pendingSecret"/> the active secret, with <paramref name="step"/> as used, and replaces the
    /// recovery codes, in one transaction.
    /// </summary>
    /// <returns>False when the pending secret changed meanwhile (set up again elsewhere); nothing is written then.</returns>
    Task<bool> ConfirmAsync(
        string userId, string pendingSecret, long step, IReadOnlyList<string> recoveryCodeHashes, DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="step"/> used, when it is later than the last one: one SQL statement, so two
    /// replicas cannot both accept the same code.</summary>
    Task<bool> TryUseStepAsync(string userId, long step, CancellationToken cancellationToken);

    /// <summary>Deletes the recovery code with this hash.</summary>
    /// <returns>False when the user has no such unused code.</returns>
    Task<bool> TryUseRecoveryCodeAsync(string userId, string codeHash, CancellationToken cancellationToken);

    /// <summary>Forgets the secret (active and pending) and the recovery codes.</summary>
    /// <returns>False when there was nothing to forget.</returns>
    Task<bool> RemoveAsync(string userId, CancellationToken cancellationToken);
}
