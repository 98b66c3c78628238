using System.Net;

using Gateway.Accounts;

namespace Gateway.Tests.Accounts;

public sealed class ClientPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "2001:db8:1:2::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    [InlineData("::1", "::/64")]
    public void Of_Address_ItsBucket(string address, string expected)
    {
        Assert.Equal(expected, ClientPartition.Of(IPAddress.Parse(address)));
    }

    [Fact]
    public void Of_TwoAddressesOfOneSlash64_SameBucket()
    {
        Assert.Equal(
            ClientPartition.Of(IPAddress.Parse("2001:db8:aa:bb::1")),
            ClientPartition.Of(IPAddress.Parse("2001:db8:aa:bb:ffff:ffff:ffff:ffff")));
    }

    [Fact]
    public void Of_NeighbouringSlash64s_DifferentBuckets()
    {
        Assert.NotEqual(
            ClientPartition.Of(IPAddress.Parse("2001:db8:aa:bb::1")),
            ClientPartition.Of(IPAddress.Parse("2001:db8:aa:bc::1")));
    }

    [Fact]
    public void Of_NeighbouringIPv4Addresses_DifferentBuckets()
    {
        Assert.NotEqual(ClientPartition.Of(IPAddress.Parse("203.0.113.7")), ClientPartition.Of(IPAddress.Parse("203.0.113.8")));
    }

    [Fact]
    public void Of_NoAddress_OneBucket()
    {
        Assert.Equal("unknown", ClientPartition.Of(null));
    }
}
