namespace Gateway.Pages.Models;

internal sealed record LoginPage(string ReturnUrl) : PageModel
{
    public override Page Page => Page.Login;

    public string? Notice { get; init; }

    public string? Error { get; init; }

    public string? Username { get; init; }

    public string ReturnUrlQuery => Uri.EscapeDataString(ReturnUrl);
}
