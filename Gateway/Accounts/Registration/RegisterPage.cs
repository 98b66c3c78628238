using Gateway.Pages;

namespace Gateway.Accounts.Registration;

internal sealed record RegisterPage(string ReturnUrl) : PageModel
{
    // The order the form shows its fields in: the cursor goes to the first one to fix.
    private static readonly string[] FieldOrder =
        [UserAccounts.UsernameField, UserAccounts.DisplayNameField, UserAccounts.PasswordField, UserAccounts.ConfirmPasswordField];

    public override Page Page => Page.Register;

    public string? Error { get; init; }

    public string? Username { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The message for each field to fix, by form field name.</summary>
    public IReadOnlyDictionary<string, string>? Fields { private get; init; }

    public string ReturnUrlQuery => Uri.EscapeDataString(ReturnUrl);

    public string? UsernameError => Fields?.GetValueOrDefault(UserAccounts.UsernameField);

    public string? DisplayNameError => Fields?.GetValueOrDefault(UserAccounts.DisplayNameField);

    public string? PasswordError => Fields?.GetValueOrDefault(UserAccounts.PasswordField);

    public string? ConfirmPasswordError => Fields?.GetValueOrDefault(UserAccounts.ConfirmPasswordField);

    public bool FocusUsername => FocusedField == UserAccounts.UsernameField;

    public bool FocusDisplayName => FocusedField == UserAccounts.DisplayNameField;

    public bool FocusPassword => FocusedField == UserAccounts.PasswordField;

    public bool FocusConfirmPassword => FocusedField == UserAccounts.ConfirmPasswordField;

    private string FocusedField => FieldOrder.FirstOrDefault(name => Fields?.ContainsKey(name) == true) ?? UserAccounts.UsernameField;
}
