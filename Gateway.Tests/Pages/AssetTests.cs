using System.Net;

using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Pages;

/// <summary>The pages' CSS, script and icon under /auth/assets: cacheable, revalidated by ETag, nothing else served there.</summary>
public sealed class AssetTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/auth/assets/gateway.css", "text/css; charset=utf-8")]
    [InlineData("/auth/assets/gateway.js", "text/javascript; charset=utf-8")]
    [InlineData("/auth/assets/favicon.svg", "image/svg+xml")]
    public async Task Asset_Requested_IsCacheableForAnHourWithItsType(string path, string contentType)
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Asset_RequestedAgainWithItsETag_Answers304WithoutBody()
    {
        using var client = fixture.Gateway.CreateClient();
        using var first = await client.GetAsync("/auth/assets/gateway.css");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = Requests.Get("/auth/assets/gateway.css");
        again.Headers.IfNoneMatch.Add(etag);
        using var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Asset_RequestedWithAnotherETag_AnswersTheFile()
    {
        using var client = fixture.Gateway.CreateClient();
        using var request = Requests.Get("/auth/assets/gateway.css");
        request.Headers.IfNoneMatch.ParseAdd("\"stale\"");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("prefers-color-scheme", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/auth/assets/no-such-file.css")]
    [InlineData("/auth/assets/")]
    [InlineData("/auth/assets")]
    [InlineData("/auth/assets/Gateway.css")]
    [InlineData("/auth/assets/layout.html")]
    [InlineData("/auth/assets/Templates/layout.html")]
    [InlineData("/auth/assets/gateway.css.map")]
    public async Task Asset_NotAnAssetName_AnswersTheGateway404(string path)
    {
        using var client = fixture.Gateway.CreateClient();

        using var response = await client.SendAsync(Requests.Get(path).AsApi());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await response.ErrorCodeAsync());
    }
}
