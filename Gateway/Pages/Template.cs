using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Gateway.Pages;

/// <summary>
/// A small subset of Mustache, enough for server-rendered forms: <c>{{name}}</c> is HTML-encoded,
/// <c>{{#name}}..{{/name}}</c> renders when the value is set (once per item when it is a list, with the item's
/// placeholders over the page's), <c>{{^name}}..{{/name}}</c> when it is not (or the list is empty), and
/// <c>{{{body}}}</c> inserts already-rendered HTML. The template is read in one pass and values are never re-scanned,
/// so text typed by a user cannot act as a tag.
/// </summary>
internal static partial class Template
{
    public static string Render(string template, IReadOnlyDictionary<string, object?> model)
    {
        var output = new StringBuilder(template.Length);
        RenderInto(output, template, new Scope(model, Parent: null));
        return output.ToString();
    }

    private static void RenderInto(StringBuilder output, string template, Scope scope)
    {
        var position = 0;
        for (var tag = Tags().Match(template); tag.Success; tag = Tags().Match(template, position))
        {
            output.Append(template, position, tag.Index - position);
            position = tag.Index + tag.Length;
            if (tag.Groups["raw"].Success)
            {
                output.Append(Text(scope.Find(tag.Groups["raw"].Value)));
                continue;
            }

            var name = tag.Groups["name"].Value;
            var kind = tag.Groups["kind"].Value;
            if (kind.Length == 0)
            {
                output.Append(HtmlEncoder.Default.Encode(Text(scope.Find(name))));
                continue;
            }

            // A closing tag without its opening one, or an opening one never closed, stays as it is.
            if (kind == "/" || Closing(template, name, position) is not { } closing)
            {
                output.Append(tag.Value);
                continue;
            }

            var inner = template[position..closing.Index];
            position = closing.Index + closing.Length;
            var value = scope.Find(name);
            if (kind == "^")
            {
                if (!IsSet(value))
                {
                    RenderInto(output, inner, scope);
                }
            }
            else if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    RenderInto(output, inner, new Scope(ValuesOf(item), scope));
                }
            }
            else if (IsSet(value))
            {
                RenderInto(output, inner, scope);
            }
        }

        output.Append(template, position, template.Length - position);
    }

    /// <summary>The tag that closes the section named <paramref name="name"/>, past sections of the same name inside it.</summary>
    private static Match? Closing(string template, string name, int start)
    {
        var depth = 1;
        for (var tag = Tags().Match(template, start); tag.Success; tag = tag.NextMatch())
        {
            if (tag.Groups["name"].Value != name)
            {
                continue;
            }

            depth += tag.Groups["kind"].Value switch { "/" => -1, "#" or "^" => 1, _ => 0 };
            if (depth == 0)
            {
                return tag;
            }
        }

        return null;
    }

    private static IReadOnlyDictionary<string, object?> ValuesOf(object? item)
    {
        if (item is IReadOnlyDictionary<string, object?> values)
        {
            return values;
        }

        var placeholders = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (item is not null)
        {
            Placeholders.AddTo(placeholders, item);
        }

        return placeholders;
    }

    private static string Text(object? value) =>
        Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static bool IsSet(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Length > 0,
        ICollection collection => collection.Count > 0,
        IEnumerable items => items.GetEnumerator().MoveNext(),
        _ => true,
    };

    /// <summary>The values of a list item, then those around it.</summary>
    private sealed record Scope(IReadOnlyDictionary<string, object?> Values, Scope? Parent)
    {
        public object? Find(string name) =>
            Values.TryGetValue(name, out var value) ? value : Parent?.Find(name);
    }

    [GeneratedRegex(@"\{\{\{(?<raw>\w+)\}\}\}|\{\{(?<kind>[#^/]?)(?<name>\w+)\}\}")]
    private static partial Regex Tags();
}
