namespace Gateway.Administration.Cli;

/// <summary>
/// A command's arguments: positional values, its own options, and configuration the server would read from the command
/// line too (<c>--config PATH</c>, <c>--environment NAME</c>, any <c>--Section:Key value</c>), passed on to the host.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    public List<string> Positional { get; } = [];

    public List<string> Configuration { get; } = [];

    /// <param name="flags">Options without a value, such as <c>--json</c>.</param>
    /// <param name="valued">Options followed by a value, such as <c>--role admin</c>; they may repeat.</param>
    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        var parsed = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            string? inline = equals < 0 ? null : arg[(equals + 1)..];
            if (flags.Contains(name))
            {
                if (inline is not null)
                {
                    throw new CliProblem($"{name} takes no value.");
                }

                parsed._flags.Add(name);
                continue;
            }

            if (valued.Contains(name) || IsConfiguration(name))
            {
                var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new CliProblem($"{name} needs a value."));
                if (valued.Contains(name))
                {
                    parsed.Add(name, value);
                }
                else
                {
                    parsed.Configuration.Add(name);
                    parsed.Configuration.Add(value);
                }

                continue;
            }

            throw new CliProblem($"Unknown option {name}.");
        }

        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string option) => _values.TryGetValue(option, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string option) => _values.TryGetValue(option, out var values) ? values : [];

    // What GatewayConfigFile and the host builder read from the command line, as the server takes them.
    private static bool IsConfiguration(string name) =>
        name is "--config" or "--environment" or "--contentRoot" || name.Contains(':', StringComparison.Ordinal);

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var values))
        {
            _values[name] = values = [];
        }

        values.Add(value);
    }
}
