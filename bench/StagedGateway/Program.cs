using Gateway.Hosting;
using StagedGateway;

// The gateway as shipped, with the stages GATEWAY_BENCH_OFF names switched off and the allocation probe of
// GATEWAY_BENCH_PROBE: for bench/run.sh only (bench/README.md, "The cost ledger").
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var stages = BenchStages.Read(configuration);
var parts = stages.Parts() with
{
    AfterServices = services => BenchRevocation.ReplaceIfOff(services, stages),
    First = app => app.UseBenchAllocationProbe(),
};

var app = GatewayApp.Build(args, parts: parts);
if (stages.Any)
{
    BenchLog.StagesOff(app.Logger, stages.ToString());
}

await app.RunAsync();
