using System.Security.Cryptography;

namespace Gateway.Users;

internal sealed record RegistrationRequest(string? Username, string? Password, string? DisplayName, string? ConfirmPassword);

internal abstract record RegistrationResult
{
    public sealed record Created(User User) : RegistrationResult;

    public sealed record Invalid(IReadOnlyDictionary<string, string> Fields) : RegistrationResult;

    public sealed record UsernameTaken : RegistrationResult;
}

/// <summary>Checks credentials and creates accounts; the only place passwords are seen.</summary>
internal sealed class Accounts(IUserStore store, PasswordHashing hashing, TimeProvider time)
{
    public const string UsernameField = "username";
    public const string PasswordField = "password";
    public const string DisplayNameField = "displayName";
    public const string ConfirmPasswordField = "confirmPassword";

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

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            var rehashed = await hashing.HashAsync(password, cancellationToken);
            await store.UpdatePasswordHashAsync(user.Id, rehashed, cancellationToken);
            user = user with { PasswordHash = rehashed };
        }

        return user;
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

    private static Dictionary<string, string> Validate(RegistrationRequest request)
    {
        var problems = new Dictionary<string, string>();
        Add(problems, UsernameField, UsernameRules.Problem(request.Username));
        Add(problems, PasswordField, PasswordRules.Problem(request.Password));
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
