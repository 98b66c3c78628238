using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

using Gateway.Accounts;
using Gateway.Accounts.Passwords;
using Gateway.Accounts.Registration;
using Gateway.Accounts.SecondFactor;
using Gateway.Accounts.Sessions;
using Gateway.Administration.WebPage;
using Gateway.Pages;

namespace Gateway.Tests.Pages;

/// <summary>Each built-in template uses only placeholders its model has, and each model property is shown by its template.</summary>
public sealed partial class PageModelTests
{
    public static TheoryData<Type> Models() =>
    [
        typeof(LoginPage), typeof(RegisterPage), typeof(LogoutPage), typeof(AccountPage), typeof(PasswordPage), typeof(ErrorPage),
        typeof(AdminPage), typeof(SecondStepPage), typeof(TotpPage),
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public void BuiltInTemplate_Placeholders_MatchItsModel(Type modelType)
    {
        var template = Template(PageOf(modelType).Template);
        var used = PlaceholdersIn(template);
        var layout = Placeholders.Names(typeof(LayoutModel)).ToHashSet();
        var model = NamesWithListItems(modelType);

        var unknown = used.Where(name => !model.Contains(name) && !layout.Contains(name)).ToList();
        var unshown = model.Where(name => !used.Contains(name)).ToList();

        Assert.True(unknown.Count == 0, $"The template uses placeholders {modelType.Name} lacks: {string.Join(", ", unknown)}");
        Assert.True(unshown.Count == 0, $"{modelType.Name} has values its template never shows: {string.Join(", ", unshown)}");
    }

    [Fact]
    public void LayoutTemplate_Placeholders_AreTheLayoutModels()
    {
        var layout = Placeholders.Names(typeof(LayoutModel)).ToHashSet();

        var unknown = PlaceholdersIn(Template("layout")).Where(name => !layout.Contains(name)).ToList();

        Assert.True(unknown.Count == 0, $"layout.html uses placeholders LayoutModel lacks: {string.Join(", ", unknown)}");
    }

    /// <summary>A model's placeholders and those of the items of its lists (a list section renders each item's).</summary>
    private static HashSet<string> NamesWithListItems(Type modelType)
    {
        var names = Placeholders.Names(modelType).ToHashSet();
        foreach (var property in modelType.GetProperties())
        {
            if (property.PropertyType.IsGenericType
                && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
                && property.PropertyType.GetGenericArguments()[0] is { IsClass: true } item && item != typeof(string))
            {
                names.UnionWith(NamesWithListItems(item));
            }
        }

        return names;
    }

    private static Gateway.Pages.Page PageOf(Type modelType)
    {
        var model = (PageModel)RuntimeHelpers.GetUninitializedObject(modelType);
        return model.Page;
    }

    private static string Template(string name)
    {
        using var stream = typeof(PageModel).Assembly.GetManifestResourceStream($"Templates/{name}.html");
        Assert.NotNull(stream);
        return new StreamReader(stream).ReadToEnd();
    }

    private static HashSet<string> PlaceholdersIn(string template) =>
        [.. Tag().Matches(template).Select(match => match.Groups["name"].Value)];

    [GeneratedRegex(@"\{\{\{?[#^/]?(?<name>\w+)\}?\}\}")]
    private static partial Regex Tag();
}
