using Gateway.Pages;

namespace Gateway.Tests.Pages;

public sealed class TemplateTests
{
    private static Dictionary<string, object?> Model(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void Render_Variable_IsHtmlEncoded()
    {
        var html = Template.Render("<p>{{name}}</p>", Model(("name", "<script>alert('x')</script> & \"q\"")));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("&amp;", html);
        Assert.DoesNotContain("\"q\"", html);
    }

    [Fact]
    public void Render_AttributeValue_CannotBreakOutOfQuotes()
    {
        var html = Template.Render("<input value=\"{{v}}\">", Model(("v", "\" autofocus onfocus=\"alert(1)")));

        Assert.Equal(2, html.Count(c => c == '"'));
    }

    [Fact]
    public void Render_TripleBraces_InsertsRawHtml() =>
        Assert.Equal("<main><b>x</b></main>", Template.Render("<main>{{{body}}}</main>", Model(("body", "<b>x</b>"))));

    [Fact]
    public void Render_MissingVariable_IsEmpty() =>
        Assert.Equal("[]", Template.Render("[{{nothing}}]", Model()));

    [Theory]
    [InlineData("text", "[shown]")]
    [InlineData(true, "[shown]")]
    [InlineData(1, "[shown]")]
    [InlineData("", "[]")]
    [InlineData(false, "[]")]
    [InlineData(null, "[]")]
    public void Render_Section_ShownOnlyWhenSet(object? value, string expected) =>
        Assert.Equal(expected, Template.Render("[{{#flag}}shown{{/flag}}]", Model(("flag", value))));

    [Theory]
    [InlineData("text", "[]")]
    [InlineData(null, "[hidden]")]
    [InlineData(false, "[hidden]")]
    public void Render_InvertedSection_ShownOnlyWhenUnset(object? value, string expected) =>
        Assert.Equal(expected, Template.Render("[{{^flag}}hidden{{/flag}}]", Model(("flag", value))));

    [Fact]
    public void Render_NestedSections_AreBothApplied()
    {
        const string template = "{{#a}}A{{#b}}B{{/b}}{{^b}}-{{/b}}{{/a}}";

        Assert.Equal("AB", Template.Render(template, Model(("a", true), ("b", true))));
        Assert.Equal("A-", Template.Render(template, Model(("a", true), ("b", false))));
        Assert.Equal("", Template.Render(template, Model(("a", false), ("b", true))));
    }

    [Fact]
    public void Render_SectionContent_HasItsVariablesFilled() =>
        Assert.Equal("<p>hi bob</p>", Template.Render("{{#name}}<p>hi {{name}}</p>{{/name}}", Model(("name", "bob"))));

    [Theory]
    [InlineData("{{secret}}")]
    [InlineData("{{{secret}}}")]
    [InlineData("{{#secret}}shown{{/secret}}")]
    [InlineData("{{^nothing}}shown{{/nothing}}")]
    public void Render_ValueLookingLikeATag_IsNeverExpanded(string typed)
    {
        var html = Template.Render("<p>{{typed}}</p>", Model(("typed", typed), ("secret", "TOP-SECRET")));

        Assert.Equal($"<p>{typed}</p>", html);
    }

    [Fact]
    public void Render_RawValueLookingLikeATag_IsNeverExpanded()
    {
        // The layout inserts a rendered body; text a user typed into that body must not be read as tags again.
        var html = Template.Render("<main>{{{body}}}</main>{{x}}", Model(("body", "{{secret}}"), ("secret", "TOP-SECRET"), ("x", "y")));

        Assert.Equal("<main>{{secret}}</main>y", html);
    }

    [Fact]
    public void Render_ListSection_RendersOncePerItemWithItsValuesAndThePages()
    {
        var rows = new[] { new Row("ann", true), new Row("bob", false) };

        var html = Template.Render("{{#rows}}[{{name}}{{#admin}}*{{/admin}} of {{title}}]{{/rows}}", Model(("rows", rows), ("title", "T")));

        Assert.Equal("[ann* of T][bob of T]", html);
    }

    [Fact]
    public void Render_EmptyList_ShowsTheInvertedSectionOnly() =>
        Assert.Equal("none", Template.Render("{{#rows}}row{{/rows}}{{^rows}}none{{/rows}}", Model(("rows", Array.Empty<Row>()))));

    [Fact]
    public void Render_ListItemValueLookingLikeATag_IsNeverExpanded()
    {
        var html = Template.Render("{{#rows}}<p>{{name}}</p>{{/rows}}", Model(("rows", new[] { new Row("{{secret}}", false) }), ("secret", "TOP-SECRET")));

        Assert.Equal("<p>{{secret}}</p>", html);
    }

    [Fact]
    public void Render_UnclosedSection_StaysAsWritten() =>
        Assert.Equal("a{{#open}}b", Template.Render("a{{#open}}b", Model(("open", true))));

    private sealed record Row(string Name, bool Admin);
}
