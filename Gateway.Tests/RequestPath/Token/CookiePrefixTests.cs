using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.RequestPath.Token;

/// <summary>
/// Cookie name prefixes (RFC 6265bis section 4.1.3): a browser keeps a <c>__Host-</c> cookie only when it is Secure,
/// Path=/ and has no Domain, and a <c>__Secure-</c> one only when it is Secure, so the gateway sets them that way.
/// </summary>
public sealed class CookiePrefixTests
{
    [Theory]
    [InlineData("__Host-gateway_token")]
    [InlineData("__Secure-gateway_token")]
    public async Task Login_WithPrefixedName_SetsSecureRootCookiesEvenOverHttp(string name)
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, [("Gateway:Cookie:Name", name)]);
        using var client = gateway.CreateClientWithoutCookieJar();
        var user = await TestUsers.RegisterAsync(client);

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = user.Username, password = TestUsers.Password });

        foreach (var cookieName in new[] { name, name + "_exp" })
        {
            var cookie = SetCookies.Find(response, cookieName);
            Assert.NotNull(cookie);
            var attributes = SetCookies.Attributes(cookie);
            Assert.Contains("secure", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Request_WithHostPrefixedCookie_IsSignedIn()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address, [("Gateway:Cookie:Name", "__Host-gateway_token")]);
        using var client = gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get("/api/whoami")
            .WithHeader("Cookie", $"__Host-gateway_token={TestTokens.Valid("host-user")}"));

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal("host-user", echoed.Header("X-User-Id"));
        Assert.Null(echoed.Header("Cookie"));
    }

    [Fact]
    public async Task Start_HostPrefixWithDomain_RefusesNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(ClosedPort.Address(),
            [("Gateway:Cookie:Name", "__Host-gateway_token"), ("Gateway:Cookie:Domain", "example.com")]));

        Assert.Contains("Gateway:Cookie:Domain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HostPrefixedTokenWithSecurePrefixedRememberName_RefusesNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayServer.StartAsync(ClosedPort.Address(),
            [("Gateway:Cookie:Name", "__Host-gateway_token"), ("Gateway:Cookie:RememberName", "__Secure-gateway_session")]));

        Assert.Contains("Gateway:Cookie:RememberName", error.Message, StringComparison.Ordinal);
    }
}
