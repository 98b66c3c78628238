using Gateway.Pages;

namespace Gateway.Accounts;

internal sealed record LoginPage(string ReturnUrl) : PageModel
{
    public override Page Page => Page.Login;

    public string? Notice { get; init; }

    public string? Error { get; init; }

    public string? Username { get; init; }

    /// <summary>Shows "Keep me signed in" (Gateway:Session:RememberMe:Enabled).</summary>
    public bool OfferRememberMe { get; init; }

    /// <summary>The box was ticked when the form is shown again after an error.</summary>
    public bool RememberMe { get; init; }

    public string ReturnUrlQuery => Uri.EscapeDataString(ReturnUrl);
}
