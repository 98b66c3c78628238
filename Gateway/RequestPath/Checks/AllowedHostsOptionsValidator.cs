using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Checks;

/// <summary>
/// Outside Development the list is required, as the signing key is: a gateway that answers any Host passes an
/// attacker's host on to the backend as X-Forwarded-Host. In Development an unset list accepts any host.
/// </summary>
internal sealed partial class AllowedHostsOptionsValidator(IHostEnvironment environment) : IValidateOptions<AllowedHostsOptions>
{
    public ValidateOptionsResult Validate(string? name, AllowedHostsOptions options)
    {
        if (options.AllowedHosts.Length == 0)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "Gateway:AllowedHosts must list the host names this gateway serves, e.g. [\"app.example.com\"] " +
                    "(environment: Gateway__AllowedHosts__0=app.example.com), or [\"*\"] to answer any Host header.");
        }

        var invalid = options.AllowedHosts.Where(host => !HostPattern().IsMatch(host ?? "")).ToList();
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Gateway:AllowedHosts holds {string.Join(", ", invalid.Select(host => $"\"{host}\""))}: each entry is a host " +
                "name without scheme or port (app.example.com, 127.0.0.1, [::1]), *.example.com for its subdomains, or *.");
    }

    [GeneratedRegex(@"^(\*|(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*|\[[0-9A-Fa-f:.]+\])$")]
    private static partial Regex HostPattern();
}
