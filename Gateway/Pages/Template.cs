using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Gateway.Pages;

/// <summary>
/// A small subset of Mustache, enough for server-rendered forms: <c>{{name}}</c> is HTML-encoded,
/// <c>{{#name}}..{{/name}}</c> renders when the value is set, <c>{{^name}}..{{/name}}</c> when it is not,
/// and <c>{{{body}}}</c> inserts already-rendered HTML. Values are inserted in one pass and never re-scanned,
/// so text typed by a user cannot act as a tag.
/// </summary>
internal static partial class Template
{
    public static string Render(string template, IReadOnlyDictionary<string, object?> model)
    {
        var expanded = Sections().Replace(template, match =>
        {
            var shown = IsSet(model.GetValueOrDefault(match.Groups["name"].Value)) == (match.Groups["kind"].Value == "#");
            return shown ? match.Groups["inner"].Value : string.Empty;
        });

        // Nested sections with other names are expanded from the outside in.
        if (expanded != template && Sections().IsMatch(expanded))
        {
            return Render(expanded, model);
        }

        return Variables().Replace(expanded, match =>
        {
            var raw = match.Groups["raw"].Success;
            var value = Convert.ToString(model.GetValueOrDefault(match.Groups[raw ? "raw" : "name"].Value),
                System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            return raw ? value : HtmlEncoder.Default.Encode(value);
        });
    }

    private static bool IsSet(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Length > 0,
        _ => true,
    };

    [GeneratedRegex(@"\{\{(?<kind>[#^])(?<name>\w+)\}\}(?<inner>.*?)\{\{/\k<name>\}\}", RegexOptions.Singleline)]
    private static partial Regex Sections();

    [GeneratedRegex(@"\{\{\{(?<raw>\w+)\}\}\}|\{\{(?<name>\w+)\}\}")]
    private static partial Regex Variables();
}
