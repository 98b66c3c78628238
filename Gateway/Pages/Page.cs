namespace Gateway.Pages;

/// <summary>A gateway page: its template, its title, and whether it posts a form (and so needs an antiforgery token).</summary>
internal sealed record Page(string Template, string Title, bool HasForm)
{
    public static readonly Page Login = new("login", "Sign in", HasForm: true);
    public static readonly Page Register = new("register", "Create an account", HasForm: true);
    public static readonly Page Logout = new("logout", "Sign out", HasForm: true);
    public static readonly Page Account = new("account", "Your account", HasForm: true);
    public static readonly Page Password = new("password", "Change your password", HasForm: true);
    public static readonly Page Admin = new("admin", "Users", HasForm: true);
    public static readonly Page SecondStep = new("second-factor", "Two-step sign-in", HasForm: true);
    public static readonly Page TotpEnrolment = new("totp", "Two-step sign-in", HasForm: true);
    public static readonly Page Error = new("error", "Something went wrong", HasForm: false);
}
