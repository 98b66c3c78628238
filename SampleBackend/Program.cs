using SampleBackend;

await SampleApp.Build(args).RunAsync();
