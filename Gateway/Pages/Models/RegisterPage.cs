using Gateway.Users;

namespace Gateway.Pages.Models;

internal sealed record RegisterPage(string ReturnUrl) : PageModel
{
    // The order the form shows its fields in: the cursor goes to the first one to fix.
    private static readonly string[] FieldOrder =
        [Accounts.UsernameField, Accounts.DisplayNameField, Accounts.PasswordField, Accounts.ConfirmPasswordField];

    public override Page Page => Page.Register;

    public string? Error { get; init; }

    public string? Username { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The message for each field to fix, by form field name.</summary>
    public IReadOnlyDictionary<string, string>? Fields { private get; init; }

    public string ReturnUrlQuery => Uri.EscapeDataString(ReturnUrl);

    public string? UsernameError => Fields?.GetValueOrDefault(Accounts.UsernameField);

    public string? DisplayNameError => Fields?.GetValueOrDefault(Accounts.DisplayNameField);

    public string? PasswordError => Fields?.GetValueOrDefault(Accounts.PasswordField);

    public string? ConfirmPasswordError => Fields?.GetValueOrDefault(Accounts.ConfirmPasswordField);

    public bool FocusUsername => FocusedField == Accounts.UsernameField;

    public bool FocusDisplayName => FocusedField == Accounts.DisplayNameField;

    public bool FocusPassword => FocusedField == Accounts.PasswordField;

    public bool FocusConfirmPassword => FocusedField == Accounts.ConfirmPasswordField;

    private string FocusedField => FieldOrder.FirstOrDefault(name => Fields?.ContainsKey(name) == true) ?? Accounts.UsernameField;
}
