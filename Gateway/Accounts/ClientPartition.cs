using System.Net;
using System.Net.Sockets;

namespace Gateway.Accounts;

/// <summary>The per-address rate-limit bucket of a client.</summary>
internal static class ClientPartition
{
    /// <summary>
    /// An IPv4 address is its own bucket; an IPv6 address shares one with its /64, the block one host or one subscriber
    /// is usually given (RFC 4291 section 2.5.4, RFC 6177), so a host cannot rotate through its own range to get fresh
    /// buckets. An IPv4-mapped IPv6 address (::ffff:192.0.2.1, RFC 4291 section 2.5.5.2) counts as the IPv4 address.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
