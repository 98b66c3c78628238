using Gateway.Pages;

namespace Gateway.Accounts.Sessions;

/// <summary>The sign-out confirmation: signing out takes a POST with the form's antiforgery token, never a GET.</summary>
internal sealed record LogoutPage : PageModel
{
    public override Page Page => Page.Logout;

    public string? Error { get; init; }
}
