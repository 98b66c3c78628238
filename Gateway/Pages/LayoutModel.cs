namespace Gateway.Pages;

/// <summary>The placeholders every page has: the layout's, the gateway's paths and, on pages with a form, the antiforgery token.</summary>
internal sealed record LayoutModel(
    string AppTitle,
    string PageTitle,
    string? LogoPath,
    string AssetBase,
    string AssetVersion,
    int StatusCode,
    string LoginPath,
    string RegisterPath,
    string LogoutPath,
    string AccountPath,
    string PasswordPath,
    bool AllowRegistration,
    string? CsrfField,
    string? CsrfToken)
{
    /// <summary>The rendered page template, inserted unencoded as <c>{{{body}}}</c>.</summary>
    public string? Body { get; init; }
}
