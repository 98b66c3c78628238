using Gateway.Pages;
using Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.SecondFactor;

/// <summary>
/// TOTP enrolment and checks: a secret is set up (pending), becomes active only when a code from it is entered, and
/// comes with ten recovery codes. Every check is counted against the per-account wrong-code limit first.
/// </summary>
internal sealed class SecondFactors(
    ISecondFactorStore store,
    SecretProtection protection,
    WrongCodeLimit limit,
    IOptions<SecondFactorOptions> options,
    IOptions<PageOptions> pages,
    TimeProvider time)
{
    public Task<SecondFactorRecord?> FindAsync(string userId, CancellationToken cancellationToken) =>
        store.FindAsync(userId, cancellationToken);

    public async Task<bool> IsEnrolledAsync(string userId, CancellationToken cancellationToken) =>
        await store.FindAsync(userId, cancellationToken) is { Enrolled: true };

    /// <summary>A new pending secret; nothing changes for sign-in until it is confirmed.</summary>
    public async Task<TotpSetup> SetUpAsync(User user, CancellationToken cancellationToken)
    {
        var secret = Totp.NewSecret();
        await store.SetPendingAsync(user.Id, protection.Protect(secret), cancellationToken);
        return SetupOf(user, secret);
    }

    /// <summary>The secret set up and not yet confirmed, if any.</summary>
    public async Task<TotpSetup?> PendingAsync(User user, CancellationToken cancellationToken) =>
        await store.FindAsync(user.Id, cancellationToken) is { PendingSecret: { } pending }
        && protection.Unprotect(pending) is { } secret
            ? SetupOf(user, secret)
            : null;

    /// <summary>Activates the pending secret when <paramref name="code"/> is one of its codes.</summary>
    public async Task<SecondFactorCheck> ConfirmAsync(User user, string? code, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(user.Id, cancellationToken) is not { PendingSecret: { } pending }
            || protection.Unprotect(pending) is not { } secret)
        {
            return new SecondFactorCheck.NotEnrolled();
        }

        if (await limit.BeginAsync(user.Id) is { } locked)
        {
            return new SecondFactorCheck.Locked(locked);
        }

        if (Totp.Match(secret, code?.Trim(), time.GetUtcNow(), lastUsedStep: -1) is not { } step)
        {
            return new SecondFactorCheck.Wrong();
        }

        var codes = RecoveryCodes.Generate();
        var hashes = codes.Select(each => RecoveryCodes.Hash(user.Id, each)!).ToList();
        if (!await store.ConfirmAsync(user.Id, pending, step, hashes, time.GetUtcNow(), cancellationToken))
        {
            return new SecondFactorCheck.NotEnrolled();
        }

        await limit.ClearAsync(user.Id);
        return new SecondFactorCheck.Accepted(Recovery: false, codes);
    }

    /// <summary>Checks a code, or else a recovery code, of an enrolled user; each is accepted at most once.</summary>
    public async Task<SecondFactorCheck> CheckAsync(
        string userId, string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(userId, cancellationToken) is not { Secret: { } stored } record)
        {
            return new SecondFactorCheck.NotEnrolled();
        }

        var recovery = !string.IsNullOrWhiteSpace(recoveryCode) && string.IsNullOrWhiteSpace(code);
        var secret = recovery ? null : protection.Unprotect(stored);
        if (!recovery && secret is null)
        {
            return new SecondFactorCheck.Unreadable();
        }

        if (await limit.BeginAsync(userId) is { } locked)
        {
            return new SecondFactorCheck.Locked(locked);
        }

        var accepted = false;
        if (recovery)
        {
            accepted = RecoveryCodes.Hash(userId, recoveryCode) is { } hash
                && await store.TryUseRecoveryCodeAsync(userId, hash, cancellationToken);
        }
        else if (Totp.Match(secret, code?.Trim(), time.GetUtcNow(), record.LastStep) is { } step)
        {
            // The store re-checks the step in the same statement it records it, so a replica that accepted the same
            // code a moment ago wins and this one refuses.
            accepted = await store.TryUseStepAsync(userId, step, cancellationToken);
        }

        if (!accepted)
        {
            return new SecondFactorCheck.Wrong();
        }

        await limit.ClearAsync(userId);
        return new SecondFactorCheck.Accepted(recovery, []);
    }

    /// <returns>False when the user had no second factor.</returns>
    public Task<bool> RemoveAsync(string userId, CancellationToken cancellationToken) => store.RemoveAsync(userId, cancellationToken);

    private TotpSetup SetupOf(User user, byte[] secret)
    {
        var encoded = Base32.Encode(secret);
        var issuer = string.IsNullOrWhiteSpace(options.Value.Issuer) ? pages.Value.Title : options.Value.Issuer.Trim();

        // Key Uri Format (google-authenticator wiki): otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(user.Username);
        var uri = $"otpauth://totp/{label}?secret={encoded}&issuer={Uri.EscapeDataString(issuer)}" +
            $"&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";
        return new TotpSetup(encoded, uri);
    }
}
