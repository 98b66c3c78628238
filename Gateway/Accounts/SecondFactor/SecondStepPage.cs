using Gateway.Pages;

namespace Gateway.Accounts.SecondFactor;

/// <summary>The second step of signing in: the code from the authenticator app, or a recovery code.</summary>
/// <param name="Challenge">Proves the password step, posted back with the code.</param>
internal sealed record SecondStepPage(string Challenge, string ReturnUrl) : PageModel
{
    public override Page Page => Page.SecondStep;

    public string? Error { get; init; }

    /// <summary>The recovery code field starts open (it was the one used).</summary>
    public bool UseRecoveryCode { get; init; }

    /// <summary>Where the form posts: the login path's second-factor step.</summary>
    public string SecondStepPath { get; init; } = "";

    public string ReturnUrlQuery => Uri.EscapeDataString(ReturnUrl);
}
