using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Docs;

/// <summary>
/// docs/configuration.md keeps step with the options classes: every bound setting has a table row whose first cell is
/// its full key in backticks and whose second cell starts with its default, written as <see cref="BoundSettings.Format"/>
/// writes it (<c>`01:00:00`</c>, <c>`true`</c>, <c>`[]`</c>, <c>unset</c>).
/// </summary>
public sealed class ConfigurationReferenceTests
{
    private const string Page = "docs/configuration.md";

    /// <summary>Defaults computed from the machine the gateway runs on: the page describes them in words.</summary>
    private static readonly HashSet<string> MachineDependent = new(StringComparer.Ordinal)
    {
        "Gateway:Users:MaxConcurrentHashes",
    };

    [Fact]
    public async Task ConfigurationReference_EveryBoundSetting_IsListedWithItsDefault()
    {
        var settings = await BoundSettings.AllAsync();
        var rows = Rows(RepositoryFile.Read(Page));

        Assert.Contains(settings, setting => setting.Key == "Gateway:Jwt:SigningKey");
        List<string> problems = [];
        foreach (var setting in settings)
        {
            var expected = BoundSettings.Format(setting.Default);
            if (!rows.TryGetValue(setting.Key, out var documented))
            {
                problems.Add($"missing: `{setting.Key}` (default {expected}, from {setting.Options.Name})");
            }
            else if (!MachineDependent.Contains(setting.Key) && !documented.StartsWith(expected, StringComparison.Ordinal))
            {
                problems.Add($"wrong default: `{setting.Key}` should start with {expected}, the page says {documented}");
            }
        }

        Assert.True(problems.Count == 0, $"{Page} is out of step with the options classes:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public async Task ConfigurationReference_EveryListedGatewaySetting_IsBound()
    {
        var keys = (await BoundSettings.AllAsync()).Select(setting => setting.Key).ToHashSet(StringComparer.Ordinal);

        var unknown = Rows(RepositoryFile.Read(Page)).Keys
            .Where(key => key.StartsWith("Gateway:", StringComparison.Ordinal) && !keys.Contains(key))
            .ToList();

        Assert.True(unknown.Count == 0, $"{Page} lists settings the gateway does not bind:\n{string.Join('\n', unknown)}");
    }

    /// <summary>Table rows whose first cell is one key in backticks, mapped to their second cell.</summary>
    private static Dictionary<string, string> Rows(string markdown)
    {
        Dictionary<string, string> rows = new(StringComparer.Ordinal);
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var cells = line.Trim().Split('|');
            if (cells is ["", var first, var second, ..] && first.Trim() is ['`', .. var key, '`'] && !key.Contains('`', StringComparison.Ordinal))
            {
                rows.TryAdd(key, second.Trim());
            }
        }

        return rows;
    }
}
