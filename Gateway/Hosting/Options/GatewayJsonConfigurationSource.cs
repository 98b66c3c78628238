using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Hosting.Options;

/// <summary>yarp.json as a configuration source that keeps its last good content when an edit breaks it.</summary>
internal sealed class GatewayJsonConfigurationSource : JsonConfigurationSource
{
    public GatewayJsonConfigurationSource(string fullPath)
    {
        FullPath = fullPath;
        Path = fullPath;
        Optional = false;
        // The provider watches the file itself: the base class would empty the configuration when a reload fails.
        ReloadOnChange = false;
        ResolveFileProvider();
    }

    public string FullPath { get; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new GatewayJsonConfigurationProvider(this);
    }
}
