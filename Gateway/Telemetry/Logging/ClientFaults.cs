namespace Gateway.Telemetry.Logging;

/// <summary>
/// Failures that are the client's doing (a body cut short, one slower than Kestrel's minimum data rate): worth one
/// warning line, never a stack trace that would bury real faults.
/// </summary>
internal static class ClientFaults
{
    public static bool IsClientFault(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException)
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsClientFault))
            {
                return true;
            }
        }

        return false;
    }
}
