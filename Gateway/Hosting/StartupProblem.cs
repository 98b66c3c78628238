using Gateway.Hosting.Options;
using Gateway.Storage;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Finds a configuration mistake inside whatever exception start-up threw: YARP, for one, wraps an invalid option it
/// reads while loading routes in its own exception. The operator gets the sentence that names the setting, not a stack trace.
/// </summary>
internal static class StartupProblem
{
    public static string? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case OptionsValidationException invalid:
                    return string.Join(" ", invalid.Failures);
                case GatewayStartupException startup:
                    return startup.Message;
                case UserStoreUnavailableException unavailable:
                    // The token cut-offs are loaded from the store at start-up: without them, ended tokens would pass.
                    return $"{unavailable.Message} The gateway loads the token cut-offs from it at start-up: start the " +
                        "database, or check Gateway:Users:ConnectionString (Gateway__Users__ConnectionString).";
                case IOException { InnerException: AddressInUseException } inUse:
                    // Kestrel's message names the address: "Failed to bind to address http://...: address already in use."
                    return $"{inUse.Message} Stop the program listening there, or give the gateway another address " +
                        "with --urls (GATEWAY_URLS when started by run.sh).";
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.Select(Find).FirstOrDefault(reason => reason is not null);
            }
        }

        return null;
    }
}
