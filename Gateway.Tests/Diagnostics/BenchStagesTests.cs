using Gateway.Diagnostics;
using Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Diagnostics;

public sealed class BenchStagesTests
{
    [Fact]
    public void Read_Unset_LeavesEveryStageOn()
    {
        var stages = BenchStages.Read(new ConfigurationBuilder().Build());

        Assert.False(stages.Any);
        Assert.All(BenchStages.Names, name => Assert.True(stages.IsOn(name)));
    }

    [Fact]
    public void Read_NamedStages_AreOffAndNoOther()
    {
        var stages = BenchStages.Read(Settings("request-log, auth"));

        Assert.True(stages.IsOff(BenchStages.RequestLog));
        Assert.True(stages.IsOff(BenchStages.Auth));
        Assert.True(stages.IsOn(BenchStages.Revocation));
    }

    [Fact]
    public void Read_UnknownStage_StopsStartUpNamingTheStages()
    {
        var error = Assert.Throws<GatewayStartupException>(() => BenchStages.Read(Settings("logging")));

        Assert.Contains("'logging'", error.Message, StringComparison.Ordinal);
        Assert.Contains("request-log", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string value) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(BenchStages.Variable, value)]).Build();
}
