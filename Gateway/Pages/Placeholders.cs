using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Gateway.Pages;

/// <summary>A model's placeholders: its readable public properties by camelCase name, the page definition aside.</summary>
internal static class Placeholders
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Properties = new();

    public static IEnumerable<string> Names(Type modelType) => Of(modelType).Select(p => p.Name);

    public static void AddTo(Dictionary<string, object?> values, object model)
    {
        foreach (var (name, property) in Of(model.GetType()))
        {
            values[name] = property.GetValue(model);
        }
    }

    private static (string Name, PropertyInfo Property)[] Of(Type type) => Properties.GetOrAdd(type, static type =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.PropertyType != typeof(Page) && p.GetIndexParameters().Length == 0)
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))]);
}
