using System.Net;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.TrustedProxies;

/// <summary>Refuses to start with an entry that is not an address or a network, naming it.</summary>
internal sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.KnownProxies.Length; i++)
        {
            var entry = options.KnownProxies[i];
            if (!string.IsNullOrWhiteSpace(entry) && !IPAddress.TryParse(entry.Trim(), out _))
            {
                problems.Add($"Gateway:ForwardedHeaders:KnownProxies:{i} (\"{entry}\") is not an IP address: write one like 10.0.0.5 or fd00::5.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Length; i++)
        {
            var entry = options.KnownNetworks[i];
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            // IPNetwork would quietly mask 10.0.0.1/8 to 10.0.0.0/8: refused, since the operator may have meant 10.0.0.1/32.
            if (!IPNetwork.TryParse(entry.Trim(), out var network)
                || !IPAddress.TryParse(entry.Trim().Split('/')[0], out var written) || !written.Equals(network.BaseAddress))
            {
                problems.Add($"Gateway:ForwardedHeaders:KnownNetworks:{i} (\"{entry}\") is not a network in CIDR notation: " +
                    "write one like 10.0.0.0/8 or fd00::/8, with the bits after the prefix zero.");
            }
            else if (network.PrefixLength == 0)
            {
                // Trusting every peer lets any client name its own address and so pick its rate-limit bucket.
                problems.Add($"Gateway:ForwardedHeaders:KnownNetworks:{i} (\"{entry}\") trusts every address: " +
                    "list only the load balancers' addresses or network.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
