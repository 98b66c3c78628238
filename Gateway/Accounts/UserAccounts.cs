using System.Security.Cryptography;

using Gateway.Storage;

namespace Gateway.Accounts;

internal sealed record RegistrationRequest(string? Username, string? Password, string? DisplayName, string? ConfirmPassword);

internal abstract record RegistrationResult
{
    public sealed record Created(User User) : RegistrationResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string> Fields) : RegistrationResult;

    public sealed record UsernameTaken : RegistrationResult;
}

internal sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

internal abstract record PasswordChangeResult
{
    public sealed record Changed(User User) : PasswordChangeResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string> Fields) : PasswordChangeResult;

    public sealed record WrongPassword : PasswordChangeResult;

    /// <summary>Too many failed password checks for this account: refused unchecked until the window ends.</summary>
    public sealed record Limited(TimeSpan RetryAfter) : PasswordChangeResult;
}

/// <summary>What asking a signed-in user for their password again came to.</summary>
internal abstract record PasswordConfirmation
{
    public sealed record Confirmed : PasswordConfirmation;

    /// <summary>Wrong, missing, or longer than any password can be.</summary>
    public sealed record Wrong : PasswordConfirmation;

    /// <summary>Too many failed password checks for this account: refused unchecked until the window ends.</summary>
    public sealed record Limited(TimeSpan RetryAfter) : PasswordConfirmation;
}

internal abstract record LoginCheck
{
    public sealed record Verified(User User) : LoginCheck;

    /// <summary>A wrong password and an unknown username alike.</summary>
    public sealed record Failed : LoginCheck;

    /// <summary>Too many failed password checks for this username: refused unchecked until the window ends.</summary>
    public sealed record Limited(TimeSpan RetryAfter) : LoginCheck;
}

/// <summary>Checks credentials and creates accounts; the only place passwords are seen.</summary>
internal sealed class UserAccounts(IUserStore store, PasswordHashing hashing, TimeProvider time, AccountAttemptLimit attempts)
{
    public const string UsernameField = "username";
    public const string PasswordField = "password";
    public const string DisplayNameField = "displayName";
    public const string ConfirmPasswordField = "confirmPassword";
    public const string CurrentPasswordField = "currentPassword";
    public const string NewPasswordField = "newPassword";

    /// <summary>A sign-in's password check, counted against the username's limit (<see cref="AccountAttemptLimit"/>).</summary>
    public async Task<LoginCheck> SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        // Before anything else, hashing included: the same answer, at the same cost, whether the account exists or not.
        if (await attempts.BeginAsync(username) is { } retryAfter)
        {
            return new LoginCheck.Limited(retryAfter);
        }

        // No valid account has a longer password, so skipping the hash here tells an attacker nothing.
        var user = password.Length <= PasswordRules.MaxLength
            ? await VerifyAsync(username, password, cancellationToken)
            : null;
        if (user is null)
        {
            return new LoginCheck.Failed();
        }

        await attempts.SucceededAsync(username);
        return new LoginCheck.Verified(user);
    }

    /// <returns>The user when the password matches; null for a wrong password and an unknown user alike.</returns>
    public async Task<User?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = UsernameRules.Problem(username) is null
            ? await store.FindByUsernameAsync(username, cancellationToken)
            : null;

        var check = await hashing.VerifyAsync(user?.PasswordHash, password, cancellationToken);
        if (user is null || check == PasswordCheck.Failed)
        {
            return null;
        }

        // Hashing takes a while: a password change meanwhile makes this check stale. The fresh record also carries the
        // latest token cut-off, which the token about to be issued must not predate.
        var current = await store.FindByIdAsync(user.Id, cancellationToken);
        if (current is null || current.PasswordHash != user.PasswordHash)
        {
            return null;
        }

        user = current;

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            try
            {
                var rehashed = await hashing.HashAsync(password, cancellationToken);
                await store.UpdatePasswordHashAsync(user.Id, rehashed, cancellationToken);
                user = user with { PasswordHash = rehashed };
            }
            catch (HashingBusyException)
            {
                // The password was right; the stronger hash can wait for a quieter login.
            }
        }

        return user;
    }

    /// <summary>
    /// The signed-in user's password asked again before a change to their own credentials, so a session alone (a
    /// stolen token, a browser left open) is not enough; counted against the login's per-account limit.
    /// </summary>
    public async Task<PasswordConfirmation> ConfirmPasswordAsync(User user, string? password, CancellationToken cancellationToken)
    {
        if (await attempts.BeginAsync(user.Username) is { } retryAfter)
        {
            return new PasswordConfirmation.Limited(retryAfter);
        }

        if (string.IsNullOrEmpty(password) || password.Length > PasswordRules.MaxLength
            || await hashing.VerifyAsync(user.PasswordHash, password, cancellationToken) == PasswordCheck.Failed)
        {
            return new PasswordConfirmation.Wrong();
        }

        await attempts.SucceededAsync(user.Username);
        return new PasswordConfirmation.Confirmed();
    }

    public async Task<RegistrationResult> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken)
    {
        var problems = Validate(request);
        if (problems.Count > 0)
        {
            return new RegistrationResult.Invalid(problems);
        }

        var username = request.Username!;
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? username : request.DisplayName.Trim();
        var now = time.GetUtcNow();
        var user = new User(
            Id: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Username: username,
            DisplayName: displayName,
            PasswordHash: await hashing.HashAsync(request.Password!, cancellationToken),
            CreatedAt: now,
            TokensValidAfter: DateTimeOffset.UnixEpoch);

        return await store.TryCreateAsync(user, cancellationToken)
            ? new RegistrationResult.Created(user)
            : new RegistrationResult.UsernameTaken();
    }

    /// <param name="nextCutOff">
    /// The token cut-off to store with the new hash, ending every earlier token. Asked for only once the hash is computed,
    /// so a token issued while hashing is ended too.
    /// </param>
    /// <returns>On success, the user with the new hash and the cut-off as stored.</returns>
    public async Task<PasswordChangeResult> ChangePasswordAsync(
        User user, PasswordChangeRequest request, Func<DateTimeOffset> nextCutOff, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            problems[CurrentPasswordField] = "Enter your current password.";
        }

        Add(problems, NewPasswordField, PasswordRules.Problem(request.NewPassword, user.Username));
        if (request.ConfirmPassword is not null && request.ConfirmPassword != request.NewPassword)
        {
            Add(problems, ConfirmPasswordField, "The two passwords do not match.");
        }

        if (problems.Count > 0)
        {
            return new PasswordChangeResult.Invalid(problems);
        }

        if (await attempts.BeginAsync(user.Username) is { } retryAfter)
        {
            return new PasswordChangeResult.Limited(retryAfter);
        }

        // As at login: no stored password is longer, so an over-long guess is wrong without spending a hash on it.
        var check = request.CurrentPassword!.Length <= PasswordRules.MaxLength
            ? await hashing.VerifyAsync(user.PasswordHash, request.CurrentPassword, cancellationToken)
            : PasswordCheck.Failed;
        if (check == PasswordCheck.Failed)
        {
            return new PasswordChangeResult.WrongPassword();
        }

        await attempts.SucceededAsync(user.Username);
        if (request.NewPassword == request.CurrentPassword)
        {
            return new PasswordChangeResult.Invalid(new Dictionary<string, string>
            {
                [NewPasswordField] = "Choose a password different from your current one.",
            });
        }

        var hash = await hashing.HashAsync(request.NewPassword!, cancellationToken);
        var cutOff = await store.ChangePasswordAsync(user.Id, hash, nextCutOff(), cancellationToken);
        return cutOff is { } stored
            ? new PasswordChangeResult.Changed(user with { PasswordHash = hash, TokensValidAfter = stored })
            : new PasswordChangeResult.WrongPassword();
    }

    private static Dictionary<string, string> Validate(RegistrationRequest request)
    {
        var problems = new Dictionary<string, string>();
        Add(problems, UsernameField, UsernameRules.Problem(request.Username));
        Add(problems, PasswordField, PasswordRules.Problem(request.Password, request.Username));
        Add(problems, DisplayNameField, DisplayNameRules.Problem(request.DisplayName));
        if (request.ConfirmPassword is not null && request.ConfirmPassword != request.Password)
        {
            Add(problems, ConfirmPasswordField, "The two passwords do not match.");
        }

        return problems;
    }

    private static void Add(Dictionary<string, string> problems, string field, string? problem)
    {
        if (problem is not null)
        {
            problems[field] = problem;
        }
    }
}
