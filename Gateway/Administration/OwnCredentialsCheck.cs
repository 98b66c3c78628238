using Gateway.Accounts;
using Gateway.Accounts.SecondFactor;
using Gateway.Responses;
using Gateway.Storage;

namespace Gateway.Administration;

/// <summary>
/// An admin changing their own account's credentials (a new password, resetting their second factor) proves it is
/// them, as the account pages ask: the current password, and a code when two-step sign-in is on. A stolen admin
/// session alone must not set a password the thief knows, nor take the second factor away and so lock the owner out.
/// Other users' accounts, and the command line, ask nothing more. The admin API and the admin page both ask it.
/// </summary>
internal sealed class OwnCredentialsCheck(IUserStore users, UserAccounts accounts, SecondFactors factors)
{
    public const string PasswordField = UserAccounts.CurrentPasswordField;
    public const string CodeField = TotpEndpoints.CodeField;

    private const string WrongPasswordMessage = "Your current password is incorrect.";
    private const string WrongCodeMessage = "That code is not right. Enter the 6-digit code your authenticator app shows now.";

    /// <returns>Null when the action may go ahead; otherwise the error to answer, naming the field to fill in.</returns>
    public async Task<HttpError?> RefusalAsync(
        AdminActor actor, string userId, string? currentPassword, string? code, CancellationToken cancellationToken)
    {
        if (!actor.IsUser(userId) || await users.FindByIdAsync(userId, cancellationToken) is not { } self)
        {
            return null;
        }

        if (string.IsNullOrEmpty(currentPassword))
        {
            return Field(StatusCodes.Status400BadRequest, "invalid_input", PasswordField,
                "Enter your current password: changing your own password or two-step sign-in asks for it.");
        }

        switch (await accounts.ConfirmPasswordAsync(self, currentPassword, cancellationToken))
        {
            case PasswordConfirmation.Limited limited:
                return AccountAttemptLimit.Refusal(limited.RetryAfter);
            case PasswordConfirmation.Wrong:
                return Field(StatusCodes.Status401Unauthorized, "invalid_credentials", PasswordField, WrongPasswordMessage);
        }

        if (!await factors.IsEnrolledAsync(self.Id, cancellationToken))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return Field(StatusCodes.Status400BadRequest, "invalid_input", CodeField,
                "Enter the code from your authenticator app too: two-step sign-in is on for your account.");
        }

        return await factors.CheckAsync(self.Id, code, recoveryCode: null, cancellationToken) switch
        {
            SecondFactorCheck.Locked locked => TotpEndpoints.TooManyCodes(locked.RetryAfter),
            SecondFactorCheck.Unreadable => TotpEndpoints.SecretUnreadable,
            SecondFactorCheck.Wrong => Field(StatusCodes.Status400BadRequest, "invalid_code", CodeField, WrongCodeMessage),
            _ => null,
        };
    }

    private static HttpError Field(int status, string error, string field, string message) =>
        new(status, new ErrorBody(error, message, new Dictionary<string, string> { [field] = message }));
}
