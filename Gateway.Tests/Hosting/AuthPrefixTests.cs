using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>The /auth prefix belongs to the gateway: unknown paths under it are answered there, never forwarded.</summary>
public sealed class AuthPrefixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/auth/no-such-page")]
    [InlineData("/auth/admin/users")]
    [InlineData("/auth/backup.zip")]
    public async Task UnknownPathUnderPrefix_Api_Gets404FromGateway(string path)
    {
        using var client = fixture.Gateway.CreateClientWithoutCookieJar();

        using var response = await client.SendAsync(Requests.Get(path).AsApi().WithBearer(TestTokens.Valid()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task UnknownPathUnderPrefix_Browser_Gets404Page()
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get("/auth/no-such-page").AsBrowser());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
