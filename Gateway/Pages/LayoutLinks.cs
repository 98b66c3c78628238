namespace Gateway.Pages;

/// <summary>What the layout links to besides sign-in, decided by the capabilities that own those pages.</summary>
/// <param name="Register">Registration is open, so every page may offer "Create an account".</param>
internal sealed record LayoutLinks(bool Register);
