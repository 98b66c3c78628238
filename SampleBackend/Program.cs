using Microsoft.AspNetCore.Connections;
using SampleBackend;

try
{
    await SampleApp.Build(args).RunAsync();
    return 0;
}
catch (IOException ex) when (ex.InnerException is AddressInUseException)
{
    // Kestrel's message names the address; the fix is the person's to make, so one line says which.
    await Console.Error.WriteLineAsync($"The sample backend cannot start: {ex.Message} Stop the program listening there, " +
        "or choose another address with --urls (BACKEND_URLS when started by run.sh).");
    return 2;
}
