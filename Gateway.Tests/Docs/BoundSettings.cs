using System.Collections;
using System.Globalization;
using System.Reflection;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Docs;

/// <summary>One setting the gateway binds from configuration, with the default a fresh options object holds.</summary>
internal sealed record BoundSetting(string Key, object? Default, Type Options);

/// <summary>
/// Every setting the gateway binds from configuration, found the way the gateway finds them: its services are built as
/// the app builds them, then each options type of the Gateway assembly that has an <see cref="IConfigureOptions{T}"/>
/// is configured once while a recording configuration provider notes which keys are read. The shortest key read is
/// the section the type is bound to; its public settable properties, recursing into nested option objects, are the
/// settings.
/// </summary>
internal static class BoundSettings
{
    /// <summary>A dictionary of option objects (<c>Gateway:Policies</c>) is documented with this in place of an entry's name.</summary>
    public const string EntryName = "NAME";

    private static readonly Lazy<Task<IReadOnlyList<BoundSetting>>> All = new(FindAsync);

    public static Task<IReadOnlyList<BoundSetting>> AllAsync() => All.Value;

    private static async Task<IReadOnlyList<BoundSetting>> FindAsync()
    {
        var gateway = Assembly.Load("Gateway");
        IServiceCollection? registrations = null;
        var app = Build(services => registrations = services);
        await using (app)
        {
            var recorder = new KeyRecorder();
            if (app.Services.GetRequiredService<IConfiguration>() is not IConfigurationBuilder configuration)
            {
                throw new InvalidOperationException("The gateway's IConfiguration is not an IConfigurationBuilder: no key recorder can be added.");
            }

            configuration.Add(recorder);
            var optionTypes = registrations!
                .Select(descriptor => descriptor.ServiceType)
                .Where(service => service.IsGenericType && service.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
                .Select(service => service.GetGenericArguments()[0])
                .Where(options => options.Assembly == gateway)
                .Distinct();

            List<BoundSetting> settings = [];
            foreach (var options in optionTypes)
            {
                if (SectionOf(app.Services, options, recorder) is { } section)
                {
                    settings.AddRange(SettingsOf(options, Activator.CreateInstance(options)!, section, options));
                }
            }

            return settings;
        }
    }

    /// <summary>The gateway composed as it starts, never started.</summary>
    private static WebApplication Build(Action<IServiceCollection> capture)
    {
        var folder = TempFolder.Create("config-reference");
        var config = Path.Combine(folder, "yarp.json");
        File.WriteAllText(config, """{ "Gateway": { "AllowedHosts": [ "127.0.0.1" ] } }""");
        string[] args =
        [
            "--config", config,
            "--environment", "Production",
            "--hostBuilder:reloadConfigOnChange", "false",
            "--Gateway:DataPath", Path.Combine(folder, "data"),
            "--Gateway:Jwt:SigningKey", GatewayServer.SigningKey,
            "--Serilog:MinimumLevel:Default", "Warning",
        ];
        return GatewayApp.Build(args, capture);
    }

    /// <summary>Configures a fresh <paramref name="options"/> with every registered configure step; the shortest key read is its section.</summary>
    private static string? SectionOf(IServiceProvider services, Type options, KeyRecorder recorder)
    {
        recorder.Paths.Clear();
        var configureType = typeof(IConfigureOptions<>).MakeGenericType(options);
        var configure = configureType.GetMethod(nameof(IConfigureOptions<object>.Configure))!;
        var instance = Activator.CreateInstance(options)!;
        foreach (var step in services.GetServices(configureType))
        {
            configure.Invoke(step, [instance]);
        }

        return recorder.Paths.OrderBy(path => path.Length).FirstOrDefault();
    }

    private static IEnumerable<BoundSetting> SettingsOf(Type type, object instance, string prefix, Type options)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // What configuration can set: a public getter and setter, no indexer. Computed properties (ExpiryName,
            // FullDataPath) and internal state (a generated key's path) are not settings.
            if (property.GetMethod?.IsPublic != true || property.SetMethod?.IsPublic != true || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(instance);
            if (IsOptionObject(type.Assembly, property.PropertyType))
            {
                var nested = value ?? Activator.CreateInstance(property.PropertyType)!;
                foreach (var setting in SettingsOf(property.PropertyType, nested, key, options))
                {
                    yield return setting;
                }

                continue;
            }

            yield return new BoundSetting(key, value, options);
            if (DictionaryValueType(property.PropertyType) is { } entry && IsOptionObject(type.Assembly, entry))
            {
                foreach (var setting in SettingsOf(entry, Activator.CreateInstance(entry)!, $"{key}:{EntryName}", options))
                {
                    yield return setting;
                }
            }
        }
    }

    private static bool IsOptionObject(Assembly gateway, Type type) =>
        type.IsClass && type.Assembly == gateway && !typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    /// <summary>How docs/configuration.md writes a default: <c>unset</c> for null, else the value in backticks as configuration takes it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "unset",
        string text => $"`{(text.Length == 0 ? "\"\"" : text)}`",
        bool flag => flag ? "`true`" : "`false`",
        TimeSpan span => $"`{span.ToString("c", CultureInfo.InvariantCulture)}`",
        Enum member => $"`{member}`",
        IDictionary dictionary when dictionary.Count == 0 => "`{}`",
        IEnumerable list and not IDictionary => $"`[{string.Join(", ", list.Cast<object?>().Select(item => $"\"{item}\""))}]`",
        IFormattable formattable => $"`{formattable.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    /// <summary>Reads nothing and records every key and section asked for (the section itself is asked for first by any binder).</summary>
    private sealed class KeyRecorder : ConfigurationProvider, IConfigurationSource
    {
        public List<string> Paths { get; } = [];

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public override bool TryGet(string key, out string? value)
        {
            Paths.Add(key);
            value = null;
            return false;
        }

        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
        {
            if (parentPath is not null)
            {
                Paths.Add(parentPath);
            }

            return earlierKeys;
        }
    }
}
