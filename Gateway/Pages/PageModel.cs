namespace Gateway.Pages;

/// <summary>
/// What one page shows: one record per page. Its public properties are the page template's placeholders, named in
/// camelCase (<c>ReturnUrl</c> is <c>{{returnUrl}}</c>); <see cref="LayoutModel"/> adds the ones every page has.
/// </summary>
internal abstract record PageModel
{
    /// <summary>The template, title and form flag of the page; not a placeholder.</summary>
    public abstract Page Page { get; }
}
