using Gateway.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Telemetry;

public sealed class MetricsListenerTests
{
    [Fact]
    public void Read_Unset_IsOffWithoutProblem()
    {
        var listener = MetricsListener.Read(Config(), out var problem);

        Assert.Null(listener);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("http://0.0.0.0:9464", 9464)]
    [InlineData("http://127.0.0.1:9464/", 9464)]
    [InlineData("http://*:9100", 9100)]
    [InlineData("http://[::]:9464", 9464)]
    public void Read_HttpUrlWithPort_GivesThatPort(string url, int port)
    {
        var listener = MetricsListener.Read(Config(("Gateway:Metrics:Url", url), ("urls", "http://127.0.0.1:8080")), out var problem);

        Assert.Null(problem);
        Assert.Equal(port, listener!.Port);
    }

    [Theory]
    [InlineData("https://0.0.0.0:9464")]
    [InlineData("http://0.0.0.0")]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://0.0.0.0:9464/metrics")]
    [InlineData("9464")]
    [InlineData("ftp://host:9464")]
    public void Read_NotAnHttpUrlWithPort_NamesTheSetting(string url)
    {
        var listener = MetricsListener.Read(Config(("Gateway:Metrics:Url", url)), out var problem);

        Assert.Null(listener);
        Assert.Contains("Gateway:Metrics:Url", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:8080;http://127.0.0.1:9464")]
    [InlineData("urls", "http://+:9464")]
    [InlineData("http_ports", "9464")]
    [InlineData("https_ports", "9464")]
    public void Read_PortOfTheMainListener_IsRefused(string key, string value)
    {
        var listener = MetricsListener.Read(Config(("Gateway:Metrics:Url", "http://0.0.0.0:9464"), (key, value)), out var problem);

        Assert.Null(listener);
        Assert.Contains("port 9464", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoMainUrlConfigured_ComparesWithTheGatewaysDefault()
    {
        MetricsListener.Read(Config(("Gateway:Metrics:Url", "http://0.0.0.0:8080")), out var problem);

        Assert.Contains("port 8080", problem, StringComparison.Ordinal);
        MetricsListener.Read(Config(("Gateway:Metrics:Url", "http://0.0.0.0:5000")), out var kestrelsDefault);
        Assert.Null(kestrelsDefault);
    }

    [Fact]
    public void CombinedUrls_FromHttpPorts_KeepsTheMainPortsAndAddsTheListener()
    {
        var configuration = Config(("Gateway:Metrics:Url", "http://0.0.0.0:9464"), ("http_ports", "8080"));

        var listener = MetricsListener.Read(configuration, out _);

        Assert.Equal("http://*:8080;http://0.0.0.0:9464", listener!.CombinedUrls(configuration));
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
