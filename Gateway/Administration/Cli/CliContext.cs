namespace Gateway.Administration.Cli;

/// <summary>What a command runs with: the host's services, its arguments and the three standard streams.</summary>
internal sealed record CliContext(IHost Host, CliArguments Args, TextReader In, TextWriter Out, TextWriter Error)
{
    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public string Name => Args.Positional[0];
}
