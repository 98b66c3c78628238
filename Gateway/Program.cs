using Gateway.Administration.Cli;
using Gateway.Hosting;
using Serilog;

// "users ..." administers accounts on the same configuration and store, without starting the web server.
if (UsersCommand.Handles(args))
{
    return await UsersCommand.RunAsync(args);
}

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    var app = GatewayApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupProblem.Find(ex) is { } reason)
{
    Log.Fatal("The gateway cannot start: {Reason}", reason);
    return 2;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The gateway stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
