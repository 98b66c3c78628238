using Gateway.Pages;

namespace Gateway.Accounts.Passwords;

internal sealed record PasswordPage(string Username) : PageModel
{
    public override Page Page => Page.Password;

    public string? Error { get; init; }

    /// <summary>The message for each field to fix, by form field name.</summary>
    public IReadOnlyDictionary<string, string>? Fields { private get; init; }

    public string? CurrentPasswordError => Fields?.GetValueOrDefault(UserAccounts.CurrentPasswordField);

    public string? NewPasswordError => Fields?.GetValueOrDefault(UserAccounts.NewPasswordField);

    public string? ConfirmPasswordError => Fields?.GetValueOrDefault(UserAccounts.ConfirmPasswordField);
}
