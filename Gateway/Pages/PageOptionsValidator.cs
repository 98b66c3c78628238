using Microsoft.Extensions.Options;

namespace Gateway.Pages;

/// <summary>
/// Refuses to start when the template folder is missing: a mistyped path would otherwise fall back to the built-in
/// pages without a word, and the operator would wonder why their templates are ignored.
/// </summary>
internal sealed class PageOptionsValidator : IValidateOptions<PageOptions>
{
    public ValidateOptionsResult Validate(string? name, PageOptions options)
    {
        if (options.TemplatePath is not { Length: > 0 } folder)
        {
            return ValidateOptionsResult.Success;
        }

        var full = Path.GetFullPath(folder);
        return Directory.Exists(full)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Gateway:Pages:TemplatePath names a folder that does not exist: {full}. " +
                "Create it with the templates to replace (login.html, register.html, ...), or remove the setting.");
    }
}
